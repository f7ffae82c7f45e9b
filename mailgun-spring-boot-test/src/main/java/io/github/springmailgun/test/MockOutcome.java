package io.github.springmailgun.test;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.jspecify.annotations.Nullable;

/**
 * What happens to a message for the recipients that match a pattern, scripted with
 * {@link MockEvents#script(MockOutcome)}: bounce, defer, open, click, complain, unsubscribe, or plain
 * delivery. The pattern is a regular expression that the whole address must match, ignoring case:
 *
 * <pre class="code">
 * mock.events().script(MockOutcome.bounce(".*@gone\\.example\\.com"));
 * mock.events().script(MockOutcome.click("alice@example\\.com", "https://shop.example.com/").after(Duration.ofMinutes(5)));
 * </pre>
 *
 * <p>
 * Without a script, a recipient whose local part (before any {@code +suffix}) is {@code bounce},
 * {@code defer}, {@code open}, {@code click}, {@code complain} or {@code unsubscribe} gets that outcome,
 * so {@code bounce@example.com} and {@code bounce+42@example.com} bounce. Immutable.
 */
public final class MockOutcome {

	/** How long a deferred message waits for its second attempt unless {@link #after(Duration)} says. */
	public static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(5);

	/** The URL of a {@code clicked} event from the built-in {@code click@} convention. */
	public static final String DEFAULT_CLICK_URL = "https://example.com/";

	/** The built-in conventions, by local part. */
	static final List<MockOutcome> CONVENTIONS = List.of(convention(Kind.BOUNCE), convention(Kind.DEFER),
			convention(Kind.OPEN), convention(Kind.CLICK), convention(Kind.COMPLAIN), convention(Kind.UNSUBSCRIBE));

	private final Pattern recipients;

	private final Kind kind;

	private final @Nullable Duration delay;

	private final @Nullable String url;

	private MockOutcome(Pattern recipients, Kind kind, @Nullable Duration delay, @Nullable String url) {
		this.recipients = recipients;
		this.kind = kind;
		this.delay = delay;
		this.url = url;
	}

	/**
	 * Delivers the message: {@code delivered}, overriding a built-in convention.
	 * @param recipientPattern the addresses, a regular expression
	 * @return the outcome
	 */
	public static MockOutcome deliver(String recipientPattern) {
		return of(recipientPattern, Kind.DELIVER, null);
	}

	/**
	 * Bounces the message: a permanent {@code failed} event with SMTP code 550, and the address goes on
	 * the bounce list (unless it is on the allowlist).
	 * @param recipientPattern the addresses, a regular expression
	 * @return the outcome
	 */
	public static MockOutcome bounce(String recipientPattern) {
		return of(recipientPattern, Kind.BOUNCE, null);
	}

	/**
	 * Defers the message: a temporary {@code failed} event with SMTP code 421, then {@code delivered} at
	 * the second attempt, {@link #DEFAULT_RETRY_DELAY} later unless {@link #after(Duration)} says.
	 * @param recipientPattern the addresses, a regular expression
	 * @return the outcome
	 */
	public static MockOutcome defer(String recipientPattern) {
		return of(recipientPattern, Kind.DEFER, null);
	}

	/**
	 * Delivers the message, then the recipient opens it: {@code delivered}, {@code opened}.
	 * @param recipientPattern the addresses, a regular expression
	 * @return the outcome
	 */
	public static MockOutcome open(String recipientPattern) {
		return of(recipientPattern, Kind.OPEN, null);
	}

	/**
	 * Delivers the message, then the recipient clicks a link: {@code delivered}, {@code clicked}.
	 * @param recipientPattern the addresses, a regular expression
	 * @param url the link clicked
	 * @return the outcome
	 */
	public static MockOutcome click(String recipientPattern, String url) {
		return of(recipientPattern, Kind.CLICK, Objects.requireNonNull(url, "url"));
	}

	/**
	 * Delivers the message, then the recipient reports it as spam: {@code delivered}, {@code complained},
	 * and the address goes on the complaint list.
	 * @param recipientPattern the addresses, a regular expression
	 * @return the outcome
	 */
	public static MockOutcome complain(String recipientPattern) {
		return of(recipientPattern, Kind.COMPLAIN, null);
	}

	/**
	 * Delivers the message, then the recipient clicks the unsubscribe link: {@code delivered},
	 * {@code unsubscribed}, and the address goes on the unsubscribe list for every tag.
	 * @param recipientPattern the addresses, a regular expression
	 * @return the outcome
	 */
	public static MockOutcome unsubscribe(String recipientPattern) {
		return of(recipientPattern, Kind.UNSUBSCRIBE, null);
	}

	/**
	 * Returns the same outcome happening later: the bounce, open, click, complaint or unsubscribe this
	 * long after the delivery attempt, or the second attempt of a deferred message this long after the
	 * first.
	 * @param delay the delay, not negative
	 * @return a new outcome
	 */
	public MockOutcome after(Duration delay) {
		Objects.requireNonNull(delay, "delay");
		if (delay.isNegative()) {
			throw new IllegalArgumentException("delay must not be negative, was " + delay);
		}
		return new MockOutcome(this.recipients, this.kind, delay, this.url);
	}

	/**
	 * Reads an outcome by name, as {@code POST /mock/outcomes} names it.
	 * @param name {@code deliver}, {@code bounce}, {@code defer}, {@code open}, {@code click},
	 * {@code complain} or {@code unsubscribe}
	 * @param recipientPattern the addresses, a regular expression
	 * @param url the link of {@code click}, {@link #DEFAULT_CLICK_URL} when {@code null}
	 * @return the outcome
	 * @throws IllegalArgumentException for another name or an invalid pattern
	 */
	static MockOutcome named(String name, String recipientPattern, @Nullable String url) {
		for (Kind kind : Kind.values()) {
			if (kind.name().equalsIgnoreCase(name)) {
				return of(recipientPattern, kind, (kind == Kind.CLICK) ? Objects.requireNonNullElse(url, DEFAULT_CLICK_URL)
						: null);
			}
		}
		throw new IllegalArgumentException("unknown outcome '" + Texts.abbreviate(name)
				+ "', expected deliver, bounce, defer, open, click, complain or unsubscribe");
	}

	private static MockOutcome of(String recipientPattern, Kind kind, @Nullable String url) {
		Objects.requireNonNull(recipientPattern, "recipientPattern");
		try {
			return new MockOutcome(Pattern.compile(recipientPattern, Pattern.CASE_INSENSITIVE), kind, null, url);
		}
		catch (PatternSyntaxException ex) {
			throw new IllegalArgumentException("recipientPattern is not a regular expression: " + ex.getMessage(), ex);
		}
	}

	private static MockOutcome convention(Kind kind) {
		String local = kind.name().toLowerCase(Locale.ROOT);
		return new MockOutcome(Pattern.compile(local + "(\\+[^@]*)?@.*", Pattern.CASE_INSENSITIVE), kind, null,
				(kind == Kind.CLICK) ? DEFAULT_CLICK_URL : null);
	}

	boolean matches(String address) {
		return this.recipients.matcher(address).matches();
	}

	Kind kind() {
		return this.kind;
	}

	/**
	 * Returns the outcome's name, as {@code POST /mock/outcomes} takes it.
	 * @return {@code deliver}, {@code bounce}, {@code defer}, {@code open}, {@code click},
	 * {@code complain} or {@code unsubscribe}
	 */
	public String name() {
		return this.kind.name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Returns the regular expression the recipients match.
	 * @return the pattern
	 */
	public String recipientPattern() {
		return this.recipients.pattern();
	}

	/**
	 * Returns how long after the delivery attempt the outcome happens (for {@code defer}, the second
	 * attempt): the {@linkplain #after(Duration) delay given}, else {@link #DEFAULT_RETRY_DELAY} for
	 * {@code defer} and zero for the others.
	 * @return the delay
	 */
	public Duration delay() {
		if (this.delay != null) {
			return this.delay;
		}
		return (this.kind == Kind.DEFER) ? DEFAULT_RETRY_DELAY : Duration.ZERO;
	}

	/**
	 * Returns the link a {@code click} outcome clicks.
	 * @return the URL, {@code null} for other outcomes
	 */
	public @Nullable String url() {
		return this.url;
	}

	/**
	 * Describes the outcome.
	 * @return the kind, the pattern and the delay
	 */
	@Override
	public String toString() {
		return "MockOutcome[" + name() + " " + this.recipients.pattern()
				+ ((this.delay != null) ? " after " + this.delay : "") + ((this.url != null) ? " url=" + this.url : "")
				+ "]";
	}

	/** The kinds of outcome. */
	enum Kind {

		DELIVER, BOUNCE, DEFER, OPEN, CLICK, COMPLAIN, UNSUBSCRIBE

	}

}
