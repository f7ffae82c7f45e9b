package io.github.springmailgun.suppression;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.internal.ApiRequest;
import io.github.springmailgun.internal.Bodies;
import io.github.springmailgun.internal.Json;
import io.github.springmailgun.internal.MailgunHttp;
import io.github.springmailgun.internal.MultipartBody;
import io.github.springmailgun.internal.Paging;
import io.github.springmailgun.internal.Paging.LinkPage;
import io.github.springmailgun.internal.QueryParams;
import io.github.springmailgun.message.Attachment;
import io.github.springmailgun.message.FormField;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.Resource;
import org.springframework.http.HttpMethod;

/**
 * The behaviour the four suppression tables share; they differ only in their path, entry type and the
 * fields of an added entry.
 *
 * @param <T> the entry type
 */
abstract class AbstractSuppressionTemplate<T> implements SuppressionOperations<T> {

	/** Mailgun refuses JSON batches of more entries ("Batch size should be less than 1000"). */
	static final int BATCH_LIMIT = 1000;

	private static final String CSV = "text/csv";

	final MailgunHttp http;

	final String domain;

	private final String table;

	private final Class<T> entryType;

	private final String keyParameter;

	/**
	 * Creates the operations on one table.
	 * @param http the plumbing
	 * @param domain the sending domain
	 * @param table the table's path segment, such as {@code bounces}
	 * @param entryType the type entries bind to
	 * @param keyParameter how Mailgun names an entry's key in errors ({@code address} or {@code value})
	 */
	AbstractSuppressionTemplate(MailgunHttp http, String domain, String table, Class<T> entryType,
			String keyParameter) {
		this.http = http;
		this.domain = domain;
		this.table = table;
		this.entryType = entryType;
		this.keyParameter = keyParameter;
	}

	@Override
	public Flux<T> list() {
		return list(SuppressionListOptions.DEFAULTS);
	}

	@Override
	public Flux<T> list(SuppressionListOptions options) {
		return Flux.defer(() -> {
			if (options == null) {
				throw new MailgunValidationException("options", "must not be null");
			}
			URI first = new QueryParams().add("limit", options.limit())
				.add("term", options.term())
				.toUri(this.http, "/v3/{domain}/" + this.table, this.domain);
			return Paging.follow(first.toString(), this::fetchPage, LinkPage::items, LinkPage::next);
		});
	}

	private Mono<LinkPage<T>> fetchPage(String url) {
		return Mono.defer(() -> {
			// Paging links are absolute URLs from a response: the key goes only to hosts we trust.
			URI uri = this.http.trustedHosts().require("paging.next", url);
			return this.http.exchange(ApiRequest.of(HttpMethod.GET, uri),
					body -> Paging.readLinkPage(body, this.entryType));
		});
	}

	@Override
	public Mono<T> get(String address) {
		return Mono.defer(() -> {
			URI uri = entryUri(address);
			return this.http.exchange(ApiRequest.of(HttpMethod.GET, uri), this::readEntry);
		});
	}

	private T readEntry(byte[] body) {
		T entry = Json.mapper().readValue(body, this.entryType);
		if (entry == null) {
			throw new IllegalArgumentException("no entry");
		}
		return entry;
	}

	@Override
	public Mono<SuppressionResponse> delete(String address) {
		return Mono.defer(() -> send(ApiRequest.of(HttpMethod.DELETE, entryUri(address))));
	}

	@Override
	public Mono<SuppressionResponse> clear() {
		return Mono.defer(() -> send(ApiRequest.of(HttpMethod.DELETE,
				this.http.uri("/v3/{domain}/" + this.table, this.domain))));
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
			Objects.requireNonNull(csv, "csv");
			String filename = csv.getFilename();
			return importCsv(Attachment.of((filename != null && !filename.isBlank()) ? filename : "import.csv", csv,
					CSV));
		});
	}

	@Override
	public Mono<SuppressionResponse> importCsv(String filename, byte[] csv) {
		return Mono.defer(() -> importCsv(Attachment.of(filename, Objects.requireNonNull(csv, "csv"), CSV)));
	}

	private Mono<SuppressionResponse> importCsv(Attachment csv) {
		MultipartBody body = MultipartBody.of(List.of(), List.of(new MultipartBody.FilePart("file", csv)));
		URI uri = this.http.uri("/v3/{domain}/" + this.table + "/import", this.domain);
		// Importing the same rows twice leaves the same table, so a failed upload may be retried.
		return send(new ApiRequest(HttpMethod.POST, uri, body, true));
	}

	/**
	 * Adds one entry as a form, the way Mailgun documents single additions.
	 * @param fields the form fields
	 * @return Mailgun's answer
	 */
	Mono<SuppressionResponse> addForm(List<FormField> fields) {
		URI uri = this.http.uri("/v3/{domain}/" + this.table, this.domain);
		// Entries are keyed by address, so adding one again changes nothing: the call may be retried.
		return send(new ApiRequest(HttpMethod.POST, uri, Bodies.form(fields), true));
	}

	/**
	 * Adds entries as JSON arrays of at most {@link #BATCH_LIMIT}, one request after another. Every entry
	 * is turned into JSON (and so checked) before the first request.
	 * @param <E> the entry type
	 * @param entries the entries
	 * @param toJson checks an entry and returns its JSON object
	 * @return one answer per request
	 */
	<E> Flux<SuppressionResponse> addJson(@Nullable Collection<E> entries, Function<E, Map<String, Object>> toJson) {
		return Flux.defer(() -> {
			if (entries == null) {
				throw new MailgunValidationException(this.table, "must not be null");
			}
			List<Map<String, Object>> all = new ArrayList<>(entries.size());
			for (E entry : entries) {
				if (entry == null) {
					throw new MailgunValidationException(this.table, "must not contain null entries");
				}
				all.add(toJson.apply(entry));
			}
			List<List<Map<String, Object>>> batches = new ArrayList<>();
			for (int from = 0; from < all.size(); from += BATCH_LIMIT) {
				batches.add(all.subList(from, Math.min(all.size(), from + BATCH_LIMIT)));
			}
			URI uri = this.http.uri("/v3/{domain}/" + this.table, this.domain);
			return Flux.fromIterable(batches)
				.concatMap(batch -> send(new ApiRequest(HttpMethod.POST, uri, Bodies.json(batch), true)), 0);
		});
	}

	private URI entryUri(@Nullable String key) {
		return this.http.uri("/v3/{domain}/" + this.table + "/{key}", this.domain, requireKey(key));
	}

	/**
	 * Checks an entry key: an address, or on the allowlist an address or domain.
	 * @param key the key
	 * @return the trimmed key
	 */
	String requireKey(@Nullable String key) {
		return requireText(this.keyParameter, key);
	}

	static String requireText(String parameter, @Nullable String value) {
		if (value == null || value.isBlank()) {
			throw new MailgunValidationException(parameter, "must not be blank");
		}
		String trimmed = value.trim();
		for (int i = 0; i < trimmed.length(); i++) {
			if (Character.isISOControl(trimmed.charAt(i))) {
				throw new MailgunValidationException(parameter, "must not contain control characters");
			}
		}
		return trimmed;
	}

	/**
	 * Executes a change and reads Mailgun's answer.
	 * @param request the call
	 * @return the answer
	 */
	Mono<SuppressionResponse> send(ApiRequest request) {
		return this.http.exchange(request, AbstractSuppressionTemplate::readResponse);
	}

	private static SuppressionResponse readResponse(byte[] body) {
		if (body.length == 0) {
			return new SuppressionResponse("", null, null, null);
		}
		return Json.mapper().readValue(body, SuppressionResponse.class);
	}

}
