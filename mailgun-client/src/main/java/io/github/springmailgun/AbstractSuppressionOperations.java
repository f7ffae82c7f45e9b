package io.github.springmailgun;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.internal.Bodies;
import io.github.springmailgun.internal.Json;
import io.github.springmailgun.internal.MailgunDates;
import io.github.springmailgun.internal.MailgunHttp;
import io.github.springmailgun.internal.MultipartBody;
import io.github.springmailgun.internal.Paging;
import io.github.springmailgun.internal.Paging.LinkPage;
import io.github.springmailgun.internal.Parameters;
import io.github.springmailgun.internal.RequestBody;
import io.github.springmailgun.message.Attachment;
import io.github.springmailgun.suppression.SuppressionListOptions;
import io.github.springmailgun.suppression.SuppressionOperations;
import io.github.springmailgun.suppression.SuppressionResponse;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.Resource;
import org.springframework.http.HttpMethod;

/**
 * The behaviour the four suppression tables share; they differ only in their path, entry type and the
 * fields of an added entry. Single entries are added as a form, the way Mailgun documents it, and many as
 * JSON; both carry the same fields.
 *
 * @param <T> the entry type
 */
abstract class AbstractSuppressionOperations<T> extends AbstractAreaOperations
		implements SuppressionOperations<T> {

	/**
	 * The most entries one JSON batch carries: 999. Mailgun's reference speaks of up to 1,000 while its 400
	 * answer says "Batch size should be less than 1000"; a batch one entry smaller is accepted under both
	 * readings, and costs one extra request in a thousand.
	 */
	static final int BATCH_LIMIT = 999;

	private static final String CSV = "text/csv";

	private final String table;

	private final String path;

	private final Class<T> entryType;

	private final String keyParameter;

	private final Function<T, Map<String, Object>> fields;

	/**
	 * Creates the operations on one table.
	 * @param http the plumbing
	 * @param domain the sending domain
	 * @param table the table's path segment, such as {@code bounces}
	 * @param entryType the type entries bind to
	 * @param keyParameter how Mailgun names an entry's key in errors ({@code address} or {@code value})
	 * @param fields checks an entry to add and returns its fields, in order
	 */
	AbstractSuppressionOperations(MailgunHttp http, String domain, String table, Class<T> entryType,
			String keyParameter, Function<T, Map<String, Object>> fields) {
		super(http, domain);
		this.table = table;
		this.path = "/v3/{domain}/" + table;
		this.entryType = entryType;
		this.keyParameter = keyParameter;
		this.fields = fields;
	}

	@Override
	public Flux<T> list(SuppressionListOptions options) {
		return Flux.defer(() -> {
			URI first = new Parameters().add("limit", requireNonNull("options", options).limit())
				.add("term", options.term())
				.toUri(this.http, this.path, this.domain);
			return Paging.links(this.http, first, (body) -> Paging.readLinkPage(body, this.entryType), LinkPage::items,
					LinkPage::next);
		});
	}

	@Override
	public Mono<T> get(String address) {
		return Mono.defer(() -> get(entryUri(address), (body) -> Json.read(body, this.entryType)));
	}

	@Override
	public Mono<SuppressionResponse> delete(String address) {
		return Mono.defer(() -> send(HttpMethod.DELETE, entryUri(address), null));
	}

	@Override
	public Mono<SuppressionResponse> clear() {
		return Mono.defer(() -> send(HttpMethod.DELETE, this.http.uri(this.path, this.domain), null));
	}

	@Override
	public Mono<SuppressionResponse> importCsv(Path csv) {
		return Mono.defer(() -> {
			// A missing file would otherwise fail only while the body is written, after the request started.
			if (csv == null || !Files.isRegularFile(csv) || !Files.isReadable(csv)) {
				throw new MailgunValidationException("file", "'" + csv + "' is not a readable file");
			}
			return importCsv(Attachment.of(csv, CSV));
		});
	}

	@Override
	public Mono<SuppressionResponse> importCsv(Resource csv) {
		return Mono.defer(() -> {
			String filename = Objects.requireNonNull(csv, "csv").getFilename();
			return importCsv(Attachment.of((filename != null && !filename.isBlank()) ? filename : "import.csv", csv,
					CSV));
		});
	}

	@Override
	public Mono<SuppressionResponse> importCsv(String filename, byte[] csv) {
		return Mono.defer(() -> importCsv(Attachment.of(filename, Objects.requireNonNull(csv, "csv"), CSV)));
	}

	private Mono<SuppressionResponse> importCsv(Attachment csv) {
		// Importing the same rows twice leaves the same table, so a failed upload may be retried.
		return send(HttpMethod.POST, this.http.uri(this.path + "/import", this.domain),
				MultipartBody.of(List.of(), List.of(new MultipartBody.FilePart("file", csv))));
	}

	/**
	 * Adds one entry as a form.
	 * @param entry the entry
	 * @return Mailgun's answer
	 */
	public Mono<SuppressionResponse> add(T entry) {
		return Mono.defer(() -> addForm(this.fields.apply(entry)));
	}

	/**
	 * Adds one entry as a form of the given fields.
	 * @param fields the fields, in order
	 * @return Mailgun's answer
	 */
	final Mono<SuppressionResponse> addForm(Map<String, Object> fields) {
		Parameters form = new Parameters();
		fields.forEach(form::add);
		// Entries are keyed by address, so adding one again changes nothing: the call may be retried.
		return send(HttpMethod.POST, this.http.uri(this.path, this.domain), Bodies.form(form.toForm()));
	}

	/**
	 * Adds entries as JSON arrays of at most {@link #BATCH_LIMIT} (999, below Mailgun's limit of 1,000),
	 * one request after another. Every entry
	 * is turned into JSON (and so checked) before the first request.
	 * @param entries the entries
	 * @return one answer per request
	 */
	public Flux<SuppressionResponse> addAll(@Nullable Collection<T> entries) {
		return Flux.defer(() -> {
			// The fields function refuses a null entry, naming it.
			List<Map<String, Object>> all = requireNonNull(this.table, entries).stream().map(this.fields).toList();
			URI uri = this.http.uri(this.path, this.domain);
			return Flux.fromIterable(all)
				.buffer(BATCH_LIMIT)
				.concatMap((batch) -> send(HttpMethod.POST, uri, Bodies.json(batch)), 0);
		});
	}

	private URI entryUri(@Nullable String key) {
		return this.http.uri(this.path + "/{" + this.keyParameter + "}", this.domain, requireKey(this.keyParameter, key));
	}

	/**
	 * Returns the fields of an entry as both the form and the JSON batch name them: the checked address,
	 * the other fields that are present, in order, and the creation time when there is one.
	 * @param address the address
	 * @param createdAt when the entry was created, or {@code null}
	 * @param namesAndValues the other fields, each a name followed by a value that may be {@code null}
	 * @return the fields
	 */
	static Map<String, Object> entryFields(@Nullable String address, @Nullable Instant createdAt,
			@Nullable Object... namesAndValues) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("address", requireKey("address", address));
		for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
			Object value = namesAndValues[i + 1];
			if (value != null) {
				fields.put(String.valueOf(namesAndValues[i]), value);
			}
		}
		if (createdAt != null) {
			fields.put("created_at", MailgunDates.format(createdAt));
		}
		return fields;
	}

	/**
	 * Executes a change and reads Mailgun's answer. Every change of a suppression table leaves the same
	 * table when repeated, so each may be retried.
	 * @param method the method
	 * @param uri the URL
	 * @param body the body, or {@code null}
	 * @return the answer
	 */
	final Mono<SuppressionResponse> send(HttpMethod method, URI uri, @Nullable RequestBody body) {
		return exchange(method, uri, body, true, (response) -> (response.length == 0)
				? new SuppressionResponse("", null, null, null) : Json.read(response, SuppressionResponse.class));
	}

}
