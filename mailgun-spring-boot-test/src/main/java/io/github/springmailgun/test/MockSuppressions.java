package io.github.springmailgun.test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

/**
 * The suppression lists of a {@link MailgunMockServer}, per domain: bounces, unsubscribes (with tags),
 * complaints, and the allowlist that keeps an address off the bounce list. Served by Mailgun's
 * suppression endpoints ({@code /v3/{domain}/bounces}, {@code unsubscribes}, {@code complaints},
 * {@code whitelists}) and honoured when a message is sent: mail to a listed address fails with
 * {@code suppress-bounce}, {@code suppress-unsubscribe} or {@code suppress-complaint}.
 *
 * <p>
 * As at Mailgun, an allowlisted address (or an address of an allowlisted domain) is never added to the
 * bounce list by a bounce, while an address that was on the bounce list before it was allowlisted stays
 * suppressed until its bounce is deleted. Entries are read back as Mailgun writes them in JSON (maps with
 * {@code address}, {@code code}, {@code error}, {@code tags}, {@code created_at}, or on the allowlist
 * {@code type}, {@code value}, {@code reason}, {@code createdAt}); addresses compare ignoring case.
 *
 * <p>
 * Thread-safe.
 */
public final class MockSuppressions {

	/** The tag of an unsubscribe from all mail of the domain. */
	static final String ALL_TAGS = "*";

	private final MockClock clock;

	private final ReentrantLock lock = new ReentrantLock();

	// Guarded by lock. Domain (lower case) -> list -> key (lower case) -> the entry as Mailgun writes it.
	private final Map<String, Map<SuppressionKind, TreeMap<String, Map<String, Object>>>> lists = new HashMap<>();

	MockSuppressions(MockClock clock) {
		this.clock = clock;
	}

	/** Adds the endpoints of bounces, unsubscribes, complaints and the allowlist. */
	void register(MockRoutes routes) {
		new SuppressionEndpoints(this).register(routes);
	}

	/**
	 * Puts an address on the bounce list (code {@code 550}, no error text), as a hard bounce or
	 * {@code POST /v3/{domain}/bounces} would; the allowlist does not stop this.
	 * @param domain the sending domain
	 * @param address the address
	 * @return these suppressions
	 */
	public MockSuppressions addBounce(String domain, String address) {
		put(domain, SuppressionKind.BOUNCES, bounceEntry(address, "550", "", this.clock.now()));
		return this;
	}

	/**
	 * Unsubscribes an address from some tags, or from all mail of the domain when no tag is given.
	 * @param domain the sending domain
	 * @param address the address
	 * @param tags the tags; none (or {@code *}) for all mail
	 * @return these suppressions
	 */
	public MockSuppressions addUnsubscribe(String domain, String address, String... tags) {
		unsubscribe(domain, address, List.of(tags), this.clock.now());
		return this;
	}

	/**
	 * Records a spam complaint from an address.
	 * @param domain the sending domain
	 * @param address the address
	 * @return these suppressions
	 */
	public MockSuppressions addComplaint(String domain, String address) {
		complain(domain, address);
		return this;
	}

	/**
	 * Allowlists an address, so that its bounces no longer put it on the bounce list.
	 * @param domain the sending domain
	 * @param address the address
	 * @return these suppressions
	 */
	public MockSuppressions allowlistAddress(String domain, String address) {
		put(domain, SuppressionKind.ALLOWLIST, allowlistEntry("address", address, "", this.clock.now()));
		return this;
	}

	/**
	 * Allowlists every address of a domain, so that their bounces no longer put them on the bounce list.
	 * @param domain the sending domain
	 * @param allowedDomain the domain of the recipients, such as {@code example.com}
	 * @return these suppressions
	 */
	public MockSuppressions allowlistDomain(String domain, String allowedDomain) {
		put(domain, SuppressionKind.ALLOWLIST, allowlistEntry("domain", allowedDomain, "", this.clock.now()));
		return this;
	}

	/**
	 * Returns the bounce list of a domain.
	 * @param domain the sending domain
	 * @return the entries ({@code address}, {@code code}, {@code error}, {@code created_at}), by address
	 */
	public List<Map<String, Object>> bounces(String domain) {
		return entries(domain, SuppressionKind.BOUNCES);
	}

	/**
	 * Returns the unsubscribe list of a domain.
	 * @param domain the sending domain
	 * @return the entries ({@code address}, {@code tags}, {@code created_at}), by address
	 */
	public List<Map<String, Object>> unsubscribes(String domain) {
		return entries(domain, SuppressionKind.UNSUBSCRIBES);
	}

	/**
	 * Returns the complaint list of a domain.
	 * @param domain the sending domain
	 * @return the entries ({@code address}, {@code created_at}), by address
	 */
	public List<Map<String, Object>> complaints(String domain) {
		return entries(domain, SuppressionKind.COMPLAINTS);
	}

	/**
	 * Returns the allowlist of a domain.
	 * @param domain the sending domain
	 * @return the entries ({@code type}, {@code value}, {@code reason}, {@code createdAt}), by value
	 */
	public List<Map<String, Object>> allowlist(String domain) {
		return entries(domain, SuppressionKind.ALLOWLIST);
	}

	/**
	 * Returns whether mail to an address is suppressed: it bounced, complained or unsubscribed from all
	 * mail (an unsubscribe from some tags only suppresses messages with those tags).
	 * @param domain the sending domain
	 * @param address the address
	 * @return whether a message without tags to it would fail
	 */
	public boolean isSuppressed(String domain, String address) {
		return suppressionReason(domain, address, List.of()) != null;
	}

	/**
	 * Returns why a message to an address is not delivered, as a {@code failed} event's reason.
	 * @param domain the sending domain
	 * @param address the recipient's address
	 * @param tags the message's tags (an unsubscribe may be for one tag only)
	 * @return {@code suppress-bounce}, {@code suppress-unsubscribe} or {@code suppress-complaint}, or
	 * {@code null} when the address is not suppressed
	 */
	@Nullable String suppressionReason(String domain, String address, List<String> tags) {
		String key = key(address);
		this.lock.lock();
		try {
			if (table(domain, SuppressionKind.BOUNCES).containsKey(key)) {
				return "suppress-bounce";
			}
			Map<String, Object> unsubscribe = table(domain, SuppressionKind.UNSUBSCRIBES).get(key);
			if (unsubscribe != null) {
				List<String> unsubscribed = tags(unsubscribe);
				if (unsubscribed.contains(ALL_TAGS) || tags.stream().anyMatch(unsubscribed::contains)) {
					return "suppress-unsubscribe";
				}
			}
			return table(domain, SuppressionKind.COMPLAINTS).containsKey(key) ? "suppress-complaint" : null;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Records a hard bounce, unless the address is on the allowlist, as Mailgun does.
	 * @param domain the sending domain
	 * @param address the address that bounced
	 * @param code the SMTP code
	 * @param error the SMTP error text
	 * @return whether a bounce entry was added
	 */
	boolean bounce(String domain, String address, int code, String error) {
		String key = key(address);
		int at = key.lastIndexOf('@');
		this.lock.lock();
		try {
			Map<String, Map<String, Object>> allowlist = table(domain, SuppressionKind.ALLOWLIST);
			Map<String, Object> byDomain = (at >= 0) ? allowlist.get(key.substring(at + 1)) : null;
			if (allowlist.containsKey(key) || (byDomain != null && "domain".equals(byDomain.get("type")))) {
				return false;
			}
			put(domain, SuppressionKind.BOUNCES, bounceEntry(address, String.valueOf(code), error, this.clock.now()));
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Records a complaint. */
	void complain(String domain, String address) {
		put(domain, SuppressionKind.COMPLAINTS, complaintEntry(address, this.clock.now()));
	}

	/** Records an unsubscribe, from every mail ({@code tag} {@code null} or {@code *}) or from one tag. */
	void unsubscribe(String domain, String address, @Nullable String tag) {
		unsubscribe(domain, address, (tag != null) ? List.of(tag) : List.of(), this.clock.now());
	}

	/**
	 * Adds an unsubscribe, or adds its tags to the address's unsubscribe, as Mailgun does.
	 * @param domain the sending domain
	 * @param address the address
	 * @param tags the tags; empty for all mail
	 * @param createdAt when the address unsubscribed
	 */
	void unsubscribe(String domain, String address, List<String> tags, Instant createdAt) {
		add(domain, SuppressionKind.UNSUBSCRIBES,
				unsubscribeEntry(address, tags.isEmpty() ? List.of(ALL_TAGS) : tags, createdAt));
	}

	/**
	 * Adds an entry read from the API, replacing the one of the same address; an unsubscribe adds its tags to
	 * the ones the address already has.
	 * @param domain the sending domain
	 * @param kind the list
	 * @param entry the entry as Mailgun writes it
	 */
	void add(String domain, SuppressionKind kind, Map<String, Object> entry) {
		this.lock.lock();
		try {
			Map<String, Object> existing = table(domain, kind).get(key(kind, entry));
			if (kind != SuppressionKind.UNSUBSCRIBES || existing == null) {
				put(domain, kind, entry);
				return;
			}
			Set<String> merged = new LinkedHashSet<>(tags(existing));
			merged.addAll(tags(entry));
			put(domain, kind, unsubscribeEntry(String.valueOf(entry.get("address")), List.copyOf(merged),
					MockDates.parse("created_at", String.valueOf(entry.get("created_at")))));
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Removes one tag from an address's unsubscribe, and the unsubscribe when no tag is left.
	 * @param domain the sending domain
	 * @param address the address
	 * @param tag the tag
	 * @return {@code null} when removed, else the text of Mailgun's 404
	 */
	@Nullable String removeTag(String domain, String address, String tag) {
		this.lock.lock();
		try {
			TreeMap<String, Map<String, Object>> table = table(domain, SuppressionKind.UNSUBSCRIBES);
			Map<String, Object> existing = table.get(key(address));
			if (existing == null) {
				return SuppressionKind.UNSUBSCRIBES.notFound();
			}
			List<String> tags = new ArrayList<>(tags(existing));
			if (!tags.remove(tag)) {
				return "Unsubscribe event for this tag does not exist";
			}
			if (tags.isEmpty()) {
				table.remove(key(address));
			}
			else {
				table.put(key(address), unsubscribeEntry(String.valueOf(existing.get("address")), tags,
						MockDates.parse("created_at", String.valueOf(existing.get("created_at")))));
			}
			return null;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** The entries of one list, ordered by key. */
	List<Map<String, Object>> entries(String domain, SuppressionKind kind) {
		Objects.requireNonNull(domain, "domain");
		this.lock.lock();
		try {
			return List.copyOf(table(domain, kind).values());
		}
		finally {
			this.lock.unlock();
		}
	}

	/** The entry of an address (or allowlisted value), or {@code null}. */
	@Nullable Map<String, Object> entry(String domain, SuppressionKind kind, String key) {
		this.lock.lock();
		try {
			return table(domain, kind).get(key(key));
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Adds an entry, replacing the one with the same key. */
	void put(String domain, SuppressionKind kind, Map<String, Object> entry) {
		this.lock.lock();
		try {
			table(domain, kind).put(key(kind, entry), entry);
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Removes an entry; returns whether there was one. */
	boolean remove(String domain, SuppressionKind kind, String key) {
		this.lock.lock();
		try {
			return table(domain, kind).remove(key(key)) != null;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Removes every entry of a list. */
	void clear(String domain, SuppressionKind kind) {
		this.lock.lock();
		try {
			table(domain, kind).clear();
		}
		finally {
			this.lock.unlock();
		}
	}

	void reset() {
		this.lock.lock();
		try {
			this.lists.clear();
		}
		finally {
			this.lock.unlock();
		}
	}

	MockClock clock() {
		return this.clock;
	}

	// Guarded by lock.
	private TreeMap<String, Map<String, Object>> table(String domain, SuppressionKind kind) {
		return this.lists.computeIfAbsent(Objects.requireNonNull(domain, "domain").trim().toLowerCase(Locale.ROOT), name -> new EnumMap<>(SuppressionKind.class))
			.computeIfAbsent(kind, list -> new TreeMap<>());
	}

	private static List<String> tags(Map<String, Object> unsubscribe) {
		return (unsubscribe.get("tags") instanceof List<?> tags) ? tags.stream().map(String::valueOf).toList() : List.of();
	}

	/** How an entry is keyed and ordered: its address (or allowlisted value) in lower case. */
	static String key(SuppressionKind kind, Map<String, Object> entry) {
		return key(String.valueOf(entry.get(kind.keyField())));
	}

	private static String key(String value) {
		return Objects.requireNonNull(value, "address").trim().toLowerCase(Locale.ROOT);
	}

	static Map<String, Object> bounceEntry(String address, String code, String error, Instant createdAt) {
		return entry("address", address, "code", code, "error", error, "created_at", MockDates.withZoneName(createdAt));
	}

	static Map<String, Object> unsubscribeEntry(String address, List<String> tags, Instant createdAt) {
		return entry("address", address, "tags", List.copyOf(tags), "created_at", MockDates.withZoneName(createdAt));
	}

	static Map<String, Object> complaintEntry(String address, Instant createdAt) {
		return entry("address", address, "created_at", MockDates.withZoneName(createdAt));
	}

	static Map<String, Object> allowlistEntry(String type, String value, String reason, Instant createdAt) {
		return entry("type", type, "value", value, "reason", reason, "createdAt", MockDates.withZoneName(createdAt));
	}

	private static Map<String, Object> entry(Object... namesAndValues) {
		Map<String, Object> entry = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			entry.put((String) namesAndValues[i], Objects.requireNonNull(namesAndValues[i + 1], "entry field"));
		}
		return Collections.unmodifiableMap(entry);
	}

}
