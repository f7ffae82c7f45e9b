package io.github.springmailgun.message;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.message.SendOptions.Option;
import org.jspecify.annotations.Nullable;

/**
 * Builder methods both kinds of message share: {@code to} recipients, templates, {@code o:} options,
 * headers, variables and recipient variables. Each value is checked as it is set and kept typed;
 * {@link SendOptions} writes Mailgun's wire format when a request is encoded.
 *
 * @param <B> the concrete builder
 */
public abstract class SendOptionsBuilder<B extends SendOptionsBuilder<B>> {

	final List<String> to = new ArrayList<>();

	/** Addresses in {@code to}, {@code cc} and {@code bcc}, counted as each value is checked. */
	int recipientCount;

	final EnumMap<Option, Object> options = new EnumMap<>(Option.class);

	/** Headers and variables by wire name. */
	final Map<String, String> prefixed = new LinkedHashMap<>();

	/** Raw parameters Mailgun does not write into a header line (the {@code v:} variables aside). */
	private static final Set<String> MULTI_LINE_PARAMETERS = Set.of("text", "html", "amp-html", "t:variables",
			"recipient-variables");

	final List<FormField> parameters = new ArrayList<>();

	/**
	 * Creates an empty builder.
	 */
	protected SendOptionsBuilder() {
	}

	/**
	 * Returns this builder as its concrete type.
	 * @return this builder
	 */
	@SuppressWarnings("unchecked")
	protected B self() {
		// Each builder extends SendOptionsBuilder of its own type.
		return (B) this;
	}

	/**
	 * Adds recipients ({@code to}); each value may be a comma-separated list. For a
	 * {@link MimeMessageRequest} they are the envelope: every recipient, Bcc included.
	 * @param to the recipients
	 * @return this builder
	 */
	public B to(String... to) {
		return to(Arrays.asList(Checks.requireValue("to", to)));
	}

	/**
	 * Adds recipients ({@code to}).
	 * @param to the recipients
	 * @return this builder
	 */
	public B to(List<String> to) {
		return recipients("to", this.to, to);
	}

	/** Checks address lists, adds them to one of the builder's lists and counts them. */
	B recipients(String parameter, List<String> target, @Nullable List<String> values) {
		for (String value : Checks.requireValue(parameter, values)) {
			this.recipientCount += Checks.requireAddresses(parameter, value);
			target.add(value);
		}
		return self();
	}

	/**
	 * Renders a template stored with the Templates API ({@code template}).
	 * @param name the template name
	 * @return this builder
	 */
	public B template(String name) {
		return option(Option.TEMPLATE, Checks.requireLine("template", name));
	}

	/**
	 * Renders a specific version of the template ({@code t:version}); needs {@link #template(String)}.
	 * @param version the version tag
	 * @return this builder
	 */
	public B templateVersion(String version) {
		return option(Option.TEMPLATE_VERSION, Checks.requireLine("t:version", version));
	}

	/**
	 * Also renders a text part from the template ({@code t:text=yes}).
	 * @param templateText whether to render a text part
	 * @return this builder
	 */
	public B templateText(boolean templateText) {
		if (!templateText) {
			this.options.remove(Option.TEMPLATE_TEXT);
			return self();
		}
		return option(Option.TEMPLATE_TEXT, true);
	}

	/**
	 * Sets the variables the template is rendered with ({@code t:variables}), written as JSON.
	 * @param variables the variables
	 * @return this builder
	 */
	public B templateVariables(Map<String, ?> variables) {
		return option(Option.TEMPLATE_VARIABLES,
				JsonText.write("t:variables", Checks.requireValue("t:variables", variables)));
	}

	/**
	 * Sets the template variables as JSON text ({@code t:variables}); it must be a JSON object.
	 * @param json the JSON object
	 * @return this builder
	 */
	public B templateVariables(String json) {
		return option(Option.TEMPLATE_VARIABLES,
				JsonText.requireObject("t:variables", Checks.requireValue("t:variables", json)));
	}

	/**
	 * Adds tags ({@code o:tag}, repeatable).
	 * @param tags the tags
	 * @return this builder
	 */
	@SuppressWarnings("unchecked")
	public B tag(String... tags) {
		List<String> earlier = (List<String>) this.options.getOrDefault(Option.TAG, List.of());
		Stream<String> added = Arrays.stream(tags).map((tag) -> Checks.requireLine("o:tag", tag));
		return option(Option.TAG, Stream.concat(earlier.stream(), added).toList());
	}

	/**
	 * Turns DKIM signing on or off for this message ({@code o:dkim}).
	 * @param dkim whether to sign
	 * @return this builder
	 */
	public B dkim(boolean dkim) {
		return option(Option.DKIM, dkim);
	}

	/**
	 * Also signs with a second domain key ({@code o:secondary-dkim}), as {@code signing_domain/selector}.
	 * @param domainAndSelector for example {@code example.com/s1}
	 * @return this builder
	 */
	public B secondaryDkim(String domainAndSelector) {
		return option(Option.SECONDARY_DKIM, domainSelector("o:secondary-dkim", domainAndSelector));
	}

	/**
	 * Names an alias of the secondary DKIM key ({@code o:secondary-dkim-public}); needs
	 * {@link #secondaryDkim(String)}.
	 * @param domainAndSelector for example {@code public.example.com/s1}
	 * @return this builder
	 */
	public B secondaryDkimPublic(String domainAndSelector) {
		return option(Option.SECONDARY_DKIM_PUBLIC, domainSelector("o:secondary-dkim-public", domainAndSelector));
	}

	/**
	 * Schedules delivery ({@code o:deliverytime}, written in RFC 2822 with the zone's offset).
	 * @param time when to deliver
	 * @return this builder
	 */
	public B deliveryTime(ZonedDateTime time) {
		return option(Option.DELIVERY_TIME, Checks.requireValue("o:deliverytime", time));
	}

	/**
	 * Schedules delivery ({@code o:deliverytime}, written in RFC 2822 in UTC).
	 * @param time when to deliver
	 * @return this builder
	 */
	public B deliveryTime(Instant time) {
		return deliveryTime(Checks.requireValue("o:deliverytime", time).atZone(ZoneOffset.UTC));
	}

	/**
	 * Turns on Send Time Optimization over the given window ({@code o:deliverytime-optimize-period}),
	 * whole hours from 24 to 72.
	 * @param period the window
	 * @return this builder
	 */
	public B deliveryTimeOptimizePeriod(Duration period) {
		return option(Option.DELIVERY_TIME_OPTIMIZE_PERIOD, Checks.require("o:deliverytime-optimize-period", period,
				(value) -> value.truncatedTo(ChronoUnit.HOURS).equals(value) && value.toHours() >= 24
						&& value.toHours() <= 72,
				"whole hours between 24h and 72h"));
	}

	/**
	 * Turns on Timezone Optimization: deliver at this local time of the recipient
	 * ({@code o:time-zone-localize}, written as {@code HH:mm}).
	 * @param time the local time; seconds are not supported
	 * @return this builder
	 */
	public B timeZoneLocalize(LocalTime time) {
		return option(Option.TIME_ZONE_LOCALIZE, Checks.require("o:time-zone-localize", time,
				(value) -> value.getSecond() == 0 && value.getNano() == 0, "a time in whole minutes"));
	}

	/**
	 * Sends in test mode: Mailgun accepts the message but does not deliver it ({@code o:testmode}).
	 * Overrides the client's default either way.
	 * @param testMode whether to send in test mode
	 * @return this builder
	 */
	public B testMode(boolean testMode) {
		return option(Option.TEST_MODE, testMode);
	}

	/**
	 * Turns open and click tracking on or off ({@code o:tracking}).
	 * @param tracking whether to track
	 * @return this builder
	 */
	public B tracking(boolean tracking) {
		return option(Option.TRACKING, tracking);
	}

	/**
	 * Sets open and click tracking ({@code o:tracking}), including {@code htmlonly}.
	 * @param tracking the mode
	 * @return this builder
	 */
	public B tracking(TrackingMode tracking) {
		return option(Option.TRACKING, Checks.requireValue("o:tracking", tracking));
	}

	/**
	 * Turns click tracking on or off ({@code o:tracking-clicks}).
	 * @param tracking whether to track clicks
	 * @return this builder
	 */
	public B trackingClicks(boolean tracking) {
		return option(Option.TRACKING_CLICKS, tracking);
	}

	/**
	 * Sets click tracking ({@code o:tracking-clicks}), including {@code htmlonly}.
	 * @param tracking the mode
	 * @return this builder
	 */
	public B trackingClicks(TrackingMode tracking) {
		return option(Option.TRACKING_CLICKS, Checks.requireValue("o:tracking-clicks", tracking));
	}

	/**
	 * Turns open tracking on or off ({@code o:tracking-opens}).
	 * @param tracking whether to track opens
	 * @return this builder
	 */
	public B trackingOpens(boolean tracking) {
		return option(Option.TRACKING_OPENS, tracking);
	}

	/**
	 * Requires TLS to the recipient's mail server ({@code o:require-tls}).
	 * @param requireTls whether TLS is required
	 * @return this builder
	 */
	public B requireTls(boolean requireTls) {
		return option(Option.REQUIRE_TLS, requireTls);
	}

	/**
	 * Skips verification of the recipient server's certificate ({@code o:skip-verification}).
	 * @param skipVerification whether to skip it
	 * @return this builder
	 */
	public B skipVerification(boolean skipVerification) {
		return option(Option.SKIP_VERIFICATION, skipVerification);
	}

	/**
	 * Sends from a dedicated IP address of the account ({@code o:sending-ip}).
	 * @param ip the IP address
	 * @return this builder
	 */
	public B sendingIp(String ip) {
		return option(Option.SENDING_IP, Checks.require("o:sending-ip", Checks.requireText("o:sending-ip", ip).trim(),
				(value) -> value.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':'),
				"an IPv4 or IPv6 address"));
	}

	/**
	 * Sends from an IP of the given pool ({@code o:sending-ip-pool}).
	 * @param poolId the pool id
	 * @return this builder
	 */
	public B sendingIpPool(String poolId) {
		return option(Option.SENDING_IP_POOL, Checks.requireLine("o:sending-ip-pool", poolId));
	}

	/**
	 * Places the open-tracking pixel at the top of the HTML ({@code o:tracking-pixel-location-top}).
	 * @param top whether to place it at the top
	 * @return this builder
	 */
	public B trackingPixelLocationTop(boolean top) {
		return option(Option.TRACKING_PIXEL_LOCATION_TOP, top);
	}

	/**
	 * Posts a copy of each delivered message to this URL ({@code o:archive-to}).
	 * @param url an http or https URL
	 * @return this builder
	 */
	public B archiveTo(String url) {
		String value = Checks.requireLine("o:archive-to", url).trim();
		try {
			URI uri = URI.create(value);
			if (uri.getHost() != null && uri.getScheme() != null && uri.getScheme().matches("(?i)https?")) {
				return option(Option.ARCHIVE_TO, uri.toString());
			}
		}
		catch (IllegalArgumentException ex) {
			// Reported below, as any URL that is not http(s).
		}
		throw new MailgunValidationException("o:archive-to", "must be an http(s) URL, was '" + Checks.printable(url) + "'");
	}

	/**
	 * Removes these {@code X-Mailgun-*} headers from the delivered message ({@code o:suppress-headers});
	 * {@code "all"} removes all of them.
	 * @param headerNames the header names
	 * @return this builder
	 */
	public B suppressHeaders(String... headerNames) {
		if (headerNames == null || headerNames.length == 0) {
			throw new MailgunValidationException("o:suppress-headers", "needs at least one header name or 'all'");
		}
		return option(Option.SUPPRESS_HEADERS, Arrays.stream(headerNames)
			.map(name -> Checks.requireName("o:suppress-headers", name))
			.collect(Collectors.joining(",")));
	}

	/**
	 * Limits the time Mailgun keeps trying to deliver ({@code o:deliver-within}), from 5 minutes to 24
	 * hours in whole minutes, written as {@code 1h30m}.
	 * @param window the delivery window
	 * @return this builder
	 */
	public B deliverWithin(Duration window) {
		return option(Option.DELIVER_WITHIN, Checks.require("o:deliver-within", window,
				(value) -> value.truncatedTo(ChronoUnit.MINUTES).equals(value) && value.compareTo(Duration.ofMinutes(5)) >= 0
						&& value.compareTo(Duration.ofHours(24)) <= 0,
				"whole minutes between 5m and 24h"));
	}

	/**
	 * Adds a MIME header to the message ({@code h:<name>}); setting the same name again replaces it.
	 * @param name the header name, for example {@code Reply-To}
	 * @param value the header value, on one line
	 * @return this builder
	 */
	public B header(String name, String value) {
		String wireName = "h:" + Checks.requireName("h:", name);
		this.prefixed.put(wireName, Checks.requireSingleLine(wireName, value));
		return self();
	}

	/**
	 * Attaches a custom variable ({@code v:<name>}); text is sent as is, anything else as JSON. Mailgun
	 * returns it in events and webhooks.
	 * @param name the variable name
	 * @param value the value
	 * @return this builder
	 */
	public B variable(String name, Object value) {
		String wireName = "v:" + Checks.requireName("v:", name);
		Checks.requireValue(wireName, value);
		this.prefixed.put(wireName, (value instanceof CharSequence text) ? text.toString() : JsonText.write(wireName, value));
		return self();
	}

	/**
	 * Sets per-recipient variables for batch sending ({@code recipient-variables}), written as JSON; at
	 * most 1,000 recipients. Each recipient gets its own copy of the message, so recipients do not see
	 * each other.
	 * @param variables the variables of each recipient address
	 * @return this builder
	 */
	public B recipientVariables(Map<String, ? extends Map<String, ?>> variables) {
		String json = JsonText.write("recipient-variables", Checks.requireValue("recipient-variables", variables));
		return option(Option.RECIPIENT_VARIABLES, new SendOptions.RecipientVariables(json, variables.size()));
	}

	/**
	 * Adds a raw form parameter, for options this library does not model. It is sent as given, after
	 * the modelled ones, and may be repeated. Mailgun writes most parameters into header lines, so a
	 * value may carry CR, LF or NUL only for the body and JSON parameters ({@code text}, {@code html},
	 * {@code amp-html}, {@code v:*}, {@code t:variables}, {@code recipient-variables}).
	 * @param name the Mailgun parameter name
	 * @param value the value
	 * @return this builder
	 */
	public B parameter(String name, String value) {
		Checks.requireParameterName("parameter", name);
		this.parameters.add(new FormField(name, MULTI_LINE_PARAMETERS.contains(name) || name.startsWith("v:")
				? Checks.requireValue(name, value) : Checks.requireSingleLine(name, value)));
		return self();
	}

	/**
	 * Returns whether a template was chosen.
	 * @return whether {@code template} is set
	 */
	protected boolean hasTemplate() {
		return this.options.containsKey(Option.TEMPLATE);
	}

	/**
	 * Builds the options set so far, checking the rules that span several options or the recipients.
	 * @return the options
	 */
	protected SendOptions buildOptions() {
		SendOptions options = new SendOptions(new EnumMap<>(this.options),
				Collections.unmodifiableMap(new LinkedHashMap<>(this.prefixed)), List.copyOf(this.parameters));
		options.validate(this.recipientCount);
		return options;
	}

	private B option(Option option, Object value) {
		this.options.put(option, value);
		return self();
	}

	private static String domainSelector(String parameter, String value) {
		int slash = Checks.requireLine(parameter, value).indexOf('/');
		return Checks.require(parameter, value, (text) -> slash > 0 && slash < text.length() - 1
				&& text.indexOf('/', slash + 1) < 0 && !text.contains(" "), "signing_domain/selector, for example example.com/s1");
	}

}
