package io.github.springmailgun.test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Mailgun's suppression endpoints over {@link MockSuppressions}: for each of {@code bounces},
 * {@code unsubscribes}, {@code complaints} and {@code whitelists} under {@code /v3/{domain}/}, a paged
 * list ({@code limit} up to 1,000, {@code page} and the {@code address} pivot, {@code term} as an address
 * prefix), one entry ({@code GET} and {@code DELETE .../{address}}), adding one entry as a form or many
 * as a JSON array (not on the allowlist, as at Mailgun), clearing the list ({@code DELETE}) and importing
 * a CSV file ({@code POST .../import}, applied at once where Mailgun works in the background).
 */
final class SuppressionEndpoints {

	/** Mailgun's page size when a request sets none. */
	static final int DEFAULT_LIMIT = 100;

	/** Mailgun's largest page. */
	static final int MAX_LIMIT = 1000;

	/** Mailgun refuses a JSON batch of 1,000 entries or more: "Batch size should be less than 1000". */
	static final int MAX_BATCH = 999;

	private final MockSuppressions suppressions;

	SuppressionEndpoints(MockSuppressions suppressions) {
		this.suppressions = suppressions;
	}

	void register(MockRoutes routes) {
		for (SuppressionKind kind : SuppressionKind.values()) {
			String list = "/v3/{domain}/" + kind.path();
			routes.api("GET", list, call -> list(call, kind))
				.api("POST", list, call -> add(call, kind))
				.api("DELETE", list, call -> clear(call, kind))
				.api("POST", list + "/import", call -> importCsv(call, kind))
				.api("GET", list + "/{key}", call -> get(call, kind))
				.api("DELETE", list + "/{key}", call -> delete(call, kind));
		}
	}

	private MockAnswer list(MockCall call, SuppressionKind kind) {
		List<Map<String, Object>> entries = this.suppressions.entries(call.domain().name(), kind);
		String term = call.query("term");
		if (term != null && !term.isBlank()) {
			String prefix = term.trim().toLowerCase(Locale.ROOT);
			entries = entries.stream().filter(entry -> MockSuppressions.key(kind, entry).startsWith(prefix)).toList();
		}
		Map<String, Object> body = MockPaging.page(call, entries, entry -> MockSuppressions.key(kind, entry),
				"address", DEFAULT_LIMIT, MAX_LIMIT, entry -> entry);
		if (term != null && !term.isBlank()) {
			// The links of a filtered list keep the filter, so following them stays within it.
			@SuppressWarnings("unchecked")
			Map<String, String> paging = (Map<String, String>) Objects.requireNonNull(body.get("paging"), "paging");
			paging.replaceAll((name, link) -> link + "&term=" + URLEncoder.encode(term, StandardCharsets.UTF_8));
		}
		return MockAnswer.ok(body, kind.path() + " page of " + ((List<?>) Objects.requireNonNull(body.get("items"), "items")).size());
	}

	private MockAnswer get(MockCall call, SuppressionKind kind) {
		Map<String, Object> entry = this.suppressions.entry(call.domain().name(), kind, call.variable("key"));
		return (entry != null) ? MockAnswer.ok(entry, kind.path() + " entry") : MockAnswer.json(404, kind.notFound());
	}

	private MockAnswer delete(MockCall call, SuppressionKind kind) {
		String domain = call.domain().name();
		String key = call.variable("key");
		String tag = (kind == SuppressionKind.UNSUBSCRIBES) ? call.query("tag") : null;
		if (tag != null && !tag.isEmpty()) {
			String notFound = this.suppressions.removeTag(domain, key, tag);
			if (notFound != null) {
				return MockAnswer.json(404, notFound);
			}
		}
		else if (!this.suppressions.remove(domain, kind, key)) {
			return MockAnswer.json(404, kind.notFound());
		}
		return MockAnswer.ok(answer(kind.removedOne(), kind.keyField(), key), kind.removedOne());
	}

	private MockAnswer clear(MockCall call, SuppressionKind kind) {
		this.suppressions.clear(call.domain().name(), kind);
		return MockAnswer.ok(answer(kind.cleared()), kind.cleared());
	}

	private MockAnswer add(MockCall call, SuppressionKind kind) {
		String domain = call.domain().name();
		Instant now = this.suppressions.clock().now();
		if (kind != SuppressionKind.ALLOWLIST && isJson(call.header("Content-Type"))) {
			List<Object> batch = MockJson.readArray(new String(call.body(), StandardCharsets.UTF_8));
			if (batch == null) {
				throw new BadRequestException("Request body should be a JSON array of " + kind.path());
			}
			if (batch.size() > MAX_BATCH) {
				throw new BadRequestException("Batch size should be less than 1000");
			}
			// Every entry is read before any is added: a bad one fails the whole batch.
			List<Map<String, Object>> entries = new ArrayList<>();
			for (Object item : batch) {
				if (!(item instanceof Map<?, ?> fields)) {
					throw new BadRequestException("Every entry of the batch should be a JSON object");
				}
				entries.add(entry(kind, fields::get, now));
			}
			entries.forEach(entry -> this.suppressions.add(domain, kind, entry));
			String message = kind.addedMany(entries.size());
			return MockAnswer.ok(answer(message), message);
		}
		Map<String, Object> entry = entry(kind, call::parameter, now);
		this.suppressions.add(domain, kind, entry);
		Map<String, Object> body = (kind == SuppressionKind.ALLOWLIST)
				? answer(kind.addedOne(), "type", field(entry, "type"), "value", field(entry, "value"))
				: answer(kind.addedOne(), "address", field(entry, "address"));
		return MockAnswer.ok(body, kind.addedOne());
	}

	private MockAnswer importCsv(MockCall call, SuppressionKind kind) {
		List<MockAttachment> files = call.form().files();
		if (files.isEmpty()) {
			throw new BadRequestException("Missing mandatory parameter: file");
		}
		String domain = call.domain().name();
		Instant now = this.suppressions.clock().now();
		int imported = 0;
		for (Map<String, String> row : SuppressionCsv.read(files.get(0).contentAsString(StandardCharsets.UTF_8))) {
			try {
				this.suppressions.add(domain, kind, entry(kind, row::get, now));
				imported++;
			}
			catch (BadRequestException ex) {
				// Mailgun imports in the background, where a row it cannot read is skipped, not answered.
			}
		}
		return MockAnswer.of(202, MockAnswer.JSON,
				MockJson.message("file uploaded successfully for processing. standby..."),
				"imported " + imported + " into " + kind.path());
	}

	/**
	 * Reads one entry to add, from a form, a JSON object or a CSV row.
	 * @param kind the list
	 * @param fields the value of a field by name, {@code null} when absent
	 * @param now the time of an entry without {@code created_at}
	 * @return the entry as Mailgun writes it
	 * @throws BadRequestException for a missing or invalid field
	 */
	static Map<String, Object> entry(SuppressionKind kind, Function<String, @Nullable Object> fields, Instant now) {
		if (kind == SuppressionKind.ALLOWLIST) {
			// The address wins when both are given, as Mailgun documents.
			String address = text(fields.apply("address"));
			String domain = text(fields.apply("domain"));
			String reason = Objects.requireNonNullElse(text(fields.apply("reason")), "");
			if (address != null) {
				return MockSuppressions.allowlistEntry("address", checkedAddress(address), reason, now);
			}
			if (domain == null) {
				throw new BadRequestException("Missing mandatory parameter: address/domain");
			}
			if (domain.contains("@") || domain.contains(" ")) {
				throw new BadRequestException("'domain' parameter is not a valid domain");
			}
			return MockSuppressions.allowlistEntry("domain", domain, reason, now);
		}
		String address = text(fields.apply("address"));
		if (address == null) {
			throw new BadRequestException("Missing mandatory parameter: address");
		}
		address = checkedAddress(address);
		// The JSON example of Mailgun's reference writes "createdat"; its forms and CSV files "created_at".
		String created = orDefault(text(fields.apply("created_at")), text(fields.apply("createdat")));
		Instant createdAt = (created != null) ? MockDates.parse("created_at", created) : now;
		return switch (kind) {
			case BOUNCES -> MockSuppressions.bounceEntry(address, Objects.requireNonNullElse(text(fields.apply("code")), "550"),
					Objects.requireNonNullElse(text(fields.apply("error")), ""), createdAt);
			case UNSUBSCRIBES -> MockSuppressions.unsubscribeEntry(address, tags(fields), createdAt);
			default -> MockSuppressions.complaintEntry(address, createdAt);
		};
	}

	/** The tags of an unsubscribe: a JSON array, or one {@code tag} (or {@code tags}) of a form; all mail when none. */
	private static List<String> tags(Function<String, @Nullable Object> fields) {
		Object value = fields.apply("tags");
		List<String> tags = new ArrayList<>();
		if (value instanceof List<?> list) {
			for (Object tag : list) {
				String text = text(tag);
				if (text != null) {
					tags.add(text);
				}
			}
		}
		else {
			String tag = orDefault(text(fields.apply("tag")), text(value));
			if (tag != null) {
				tags.add(tag);
			}
		}
		return tags.isEmpty() ? List.of(MockSuppressions.ALL_TAGS) : tags;
	}

	private static String checkedAddress(String address) {
		String trimmed = address.trim();
		if (!trimmed.equals(Addresses.bareAddress(trimmed))) {
			throw new BadRequestException("'address' parameter is not a valid address: '" + Texts.abbreviate(address)
					+ "'");
		}
		return trimmed;
	}

	private static @Nullable String text(@Nullable Object value) {
		if (value == null || value instanceof Map || value instanceof List) {
			return null;
		}
		String text = String.valueOf(value).trim();
		return text.isEmpty() ? null : text;
	}

	private static @Nullable String orDefault(@Nullable String value, @Nullable String fallback) {
		return (value != null) ? value : fallback;
	}

	private static boolean isJson(@Nullable String contentType) {
		return contentType != null && HeaderValue.parse(contentType).isType("application/json");
	}

	/** A field every entry this class made has. */
	private static Object field(Map<String, Object> entry, String name) {
		return Objects.requireNonNull(entry.get(name), name);
	}

	private static Map<String, Object> answer(String message, Object... namesAndValues) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("message", message);
		for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
			body.put((String) namesAndValues[i], namesAndValues[i + 1]);
		}
		return body;
	}

}
