package io.github.springmailgun.message;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.springmailgun.error.MailgunValidationException;
import org.jspecify.annotations.Nullable;

/**
 * Builder methods for the options both kinds of message share: templates, {@code o:} options,
 * headers, variables and recipient variables. Typed values are turned into Mailgun's wire format
 * here, and each value is checked as it is set.
 *
 * @param <B> the concrete builder
 */
public abstract class SendOptionsBuilder<B extends SendOptionsBuilder<B>> {

	/** RFC 2822 date-time, as {@code o:deliverytime} expects: {@code Fri, 14 Oct 2011 12:00:00 +0000}. */
	private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z",
			Locale.ENGLISH);

	private static final DateTimeFormatter HOURS_MINUTES = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

	private @Nullable String template;

	private final Map<String, String> templateFields = new LinkedHashMap<>();

	private final List<String> tags = new ArrayList<>();

	private final Map<String, String> options = new LinkedHashMap<>();

	private final Map<String, String> headers = new LinkedHashMap<>();

	private final Map<String, String> variables = new LinkedHashMap<>();

	private @Nullable String recipientVariables;

	private int recipientVariableCount;

	private final List<FormField> parameters = new ArrayList<>();

	private @Nullable Boolean testMode;

	/**
	 * Creates an empty builder.
	 */
	protected SendOptionsBuilder() {
	}

	/**
	 * Returns this builder as its concrete type.
	 * @return this builder
	 */
	protected abstract B self();

	/** Copies options into this builder (for {@code toBuilder()}). */
	void copyOptions(SendOptions source) {
		this.template = source.template();
		this.testMode = source.testMode();
		this.recipientVariableCount = source.recipientVariableCount();
		for (FormField field : source.modelledFields()) {
			String name = field.name();
			if (name.equals("o:tag")) {
				this.tags.add(field.value());
			}
			else if (name.startsWith("t:")) {
				this.templateFields.put(name, field.value());
			}
			else if (name.startsWith("h:")) {
				this.headers.put(name.substring(2), field.value());
			}
			else if (name.startsWith("v:")) {
				this.variables.put(name.substring(2), field.value());
			}
			else if (name.equals("recipient-variables")) {
				this.recipientVariables = field.value();
			}
			else if (name.startsWith("o:") && !name.equals("o:testmode")) {
				this.options.put(name, field.value());
			}
		}
		this.parameters.addAll(source.rawParameters());
	}

	/**
	 * Renders a template stored with the Templates API ({@code template}).
	 * @param name the template name
	 * @return this builder
	 */
	public B template(String name) {
		this.template = Checks.requireSingleLine("template", Checks.requireText("template", name));
		return self();
	}

	/**
	 * Renders a specific version of the template ({@code t:version}); needs {@link #template(String)}.
	 * @param version the version tag
	 * @return this builder
	 */
	public B templateVersion(String version) {
		this.templateFields.put("t:version", Checks.requireSingleLine("t:version", Checks.requireText("t:version", version)));
		return self();
	}

	/**
	 * Also renders a text part from the template ({@code t:text=yes}).
	 * @param templateText whether to render a text part
	 * @return this builder
	 */
	public B templateText(boolean templateText) {
		if (templateText) {
			this.templateFields.put("t:text", "yes");
		}
		else {
			this.templateFields.remove("t:text");
		}
		return self();
	}

	/**
	 * Sets the variables the template is rendered with ({@code t:variables}), written as JSON.
	 * @param variables the variables
	 * @return this builder
	 */
	public B templateVariables(Map<String, ?> variables) {
		if (variables == null) {
			throw new MailgunValidationException("t:variables", "must not be null");
		}
		this.templateFields.put("t:variables", JsonText.write("t:variables", variables));
		return self();
	}

	/**
	 * Sets the template variables as JSON text ({@code t:variables}); it must be a JSON object.
	 * @param json the JSON object
	 * @return this builder
	 */
	public B templateVariables(String json) {
		this.templateFields.put("t:variables", JsonText.requireObject("t:variables", Checks.requireValue("t:variables", json)));
		return self();
	}

	/**
	 * Adds tags ({@code o:tag}, repeatable).
	 * @param tags the tags
	 * @return this builder
	 */
	public B tag(String... tags) {
		for (String tag : tags) {
			this.tags.add(Checks.requireSingleLine("o:tag", Checks.requireText("o:tag", tag)));
		}
		return self();
	}

	/**
	 * Turns DKIM signing on or off for this message ({@code o:dkim}).
	 * @param dkim whether to sign
	 * @return this builder
	 */
	public B dkim(boolean dkim) {
		return option("o:dkim", yesNo(dkim));
	}

	/**
	 * Also signs with a second domain key ({@code o:secondary-dkim}), as {@code signing_domain/selector}.
	 * @param domainAndSelector for example {@code example.com/s1}
	 * @return this builder
	 */
	public B secondaryDkim(String domainAndSelector) {
		return option("o:secondary-dkim", domainSelector("o:secondary-dkim", domainAndSelector));
	}

	/**
	 * Names an alias of the secondary DKIM key ({@code o:secondary-dkim-public}); needs
	 * {@link #secondaryDkim(String)}.
	 * @param domainAndSelector for example {@code public.example.com/s1}
	 * @return this builder
	 */
	public B secondaryDkimPublic(String domainAndSelector) {
		return option("o:secondary-dkim-public", domainSelector("o:secondary-dkim-public", domainAndSelector));
	}

	/**
	 * Schedules delivery ({@code o:deliverytime}, written in RFC 2822 with the zone's offset).
	 * @param time when to deliver
	 * @return this builder
	 */
	public B deliveryTime(ZonedDateTime time) {
		if (time == null) {
			throw new MailgunValidationException("o:deliverytime", "must not be null");
		}
		return option("o:deliverytime", RFC_2822.format(time));
	}

	/**
	 * Schedules delivery ({@code o:deliverytime}, written in RFC 2822 in UTC).
	 * @param time when to deliver
	 * @return this builder
	 */
	public B deliveryTime(Instant time) {
		if (time == null) {
			throw new MailgunValidationException("o:deliverytime", "must not be null");
		}
		return deliveryTime(time.atZone(ZoneOffset.UTC));
	}

	/**
	 * Turns on Send Time Optimization over the given window ({@code o:deliverytime-optimize-period}),
	 * whole hours from 24 to 72.
	 * @param period the window
	 * @return this builder
	 */
	public B deliveryTimeOptimizePeriod(Duration period) {
		String parameter = "o:deliverytime-optimize-period";
		if (period == null || period.toMinutesPart() != 0 || period.toSecondsPart() != 0 || period.toNanosPart() != 0
				|| period.toHours() < 24 || period.toHours() > 72) {
			throw new MailgunValidationException(parameter,
					"must be whole hours between 24h and 72h, was " + period);
		}
		return option(parameter, period.toHours() + "h");
	}

	/**
	 * Turns on Timezone Optimization: deliver at this local time of the recipient
	 * ({@code o:time-zone-localize}, written as {@code HH:mm}).
	 * @param time the local time; seconds are not supported
	 * @return this builder
	 */
	public B timeZoneLocalize(LocalTime time) {
		if (time == null || time.getSecond() != 0 || time.getNano() != 0) {
			throw new MailgunValidationException("o:time-zone-localize", "must be a time in whole minutes, was " + time);
		}
		return option("o:time-zone-localize", HOURS_MINUTES.format(time));
	}

	/**
	 * Sends in test mode: Mailgun accepts the message but does not deliver it ({@code o:testmode}).
	 * Overrides the client's default either way.
	 * @param testMode whether to send in test mode
	 * @return this builder
	 */
	public B testMode(boolean testMode) {
		this.testMode = testMode;
		return self();
	}

	/**
	 * Turns open and click tracking on or off ({@code o:tracking}).
	 * @param tracking whether to track
	 * @return this builder
	 */
	public B tracking(boolean tracking) {
		return option("o:tracking", yesNo(tracking));
	}

	/**
	 * Sets open and click tracking ({@code o:tracking}), including {@code htmlonly}.
	 * @param tracking the mode
	 * @return this builder
	 */
	public B tracking(TrackingMode tracking) {
		return option("o:tracking", mode("o:tracking", tracking));
	}

	/**
	 * Turns click tracking on or off ({@code o:tracking-clicks}).
	 * @param tracking whether to track clicks
	 * @return this builder
	 */
	public B trackingClicks(boolean tracking) {
		return option("o:tracking-clicks", yesNo(tracking));
	}

	/**
	 * Sets click tracking ({@code o:tracking-clicks}), including {@code htmlonly}.
	 * @param tracking the mode
	 * @return this builder
	 */
	public B trackingClicks(TrackingMode tracking) {
		return option("o:tracking-clicks", mode("o:tracking-clicks", tracking));
	}

	/**
	 * Turns open tracking on or off ({@code o:tracking-opens}).
	 * @param tracking whether to track opens
	 * @return this builder
	 */
	public B trackingOpens(boolean tracking) {
		return option("o:tracking-opens", yesNo(tracking));
	}

	/**
	 * Requires TLS to the recipient's mail server ({@code o:require-tls}).
	 * @param requireTls whether TLS is required
	 * @return this builder
	 */
	public B requireTls(boolean requireTls) {
		return option("o:require-tls", yesNo(requireTls));
	}

	/**
	 * Skips verification of the recipient server's certificate ({@code o:skip-verification}).
	 * @param skipVerification whether to skip it
	 * @return this builder
	 */
	public B skipVerification(boolean skipVerification) {
		return option("o:skip-verification", yesNo(skipVerification));
	}

	/**
	 * Sends from a dedicated IP address of the account ({@code o:sending-ip}).
	 * @param ip the IP address
	 * @return this builder
	 */
	public B sendingIp(String ip) {
		String value = Checks.requireText("o:sending-ip", ip).trim();
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (!(Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
				throw new MailgunValidationException("o:sending-ip", "must be an IPv4 or IPv6 address, was '"
						+ Checks.printable(value) + "'");
			}
		}
		return option("o:sending-ip", value);
	}

	/**
	 * Sends from an IP of the given pool ({@code o:sending-ip-pool}).
	 * @param poolId the pool id
	 * @return this builder
	 */
	public B sendingIpPool(String poolId) {
		return option("o:sending-ip-pool", Checks.requireSingleLine("o:sending-ip-pool",
				Checks.requireText("o:sending-ip-pool", poolId)));
	}

	/**
	 * Places the open-tracking pixel at the top of the HTML ({@code o:tracking-pixel-location-top}).
	 * @param top whether to place it at the top
	 * @return this builder
	 */
	public B trackingPixelLocationTop(boolean top) {
		return option("o:tracking-pixel-location-top", yesNo(top));
	}

	/**
	 * Posts a copy of each delivered message to this URL ({@code o:archive-to}).
	 * @param url an http or https URL
	 * @return this builder
	 */
	public B archiveTo(String url) {
		Checks.requireSingleLine("o:archive-to", Checks.requireText("o:archive-to", url));
		URI uri;
		try {
			uri = URI.create(url.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new MailgunValidationException("o:archive-to", "must be an http(s) URL, was '" + Checks.printable(url) + "'");
		}
		if (uri.getHost() == null || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
			throw new MailgunValidationException("o:archive-to", "must be an http(s) URL, was '" + Checks.printable(url) + "'");
		}
		return option("o:archive-to", uri.toString());
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
		List<String> names = new ArrayList<>(headerNames.length);
		for (String name : headerNames) {
			names.add(Checks.requireName("o:suppress-headers", name));
		}
		return option("o:suppress-headers", String.join(",", names));
	}

	/**
	 * Limits the time Mailgun keeps trying to deliver ({@code o:deliver-within}), from 5 minutes to 24
	 * hours in whole minutes, written as {@code 1h30m}.
	 * @param window the delivery window
	 * @return this builder
	 */
	public B deliverWithin(Duration window) {
		if (window == null || window.toSecondsPart() != 0 || window.toNanosPart() != 0
				|| window.compareTo(Duration.ofMinutes(5)) < 0 || window.compareTo(Duration.ofHours(24)) > 0) {
			throw new MailgunValidationException("o:deliver-within",
					"must be whole minutes between 5m and 24h, was " + window);
		}
		long hours = window.toHours();
		int minutes = window.toMinutesPart();
		String value = (hours > 0 ? hours + "h" : "") + (minutes > 0 ? minutes + "m" : "");
		return option("o:deliver-within", value);
	}

	/**
	 * Adds a MIME header to the message ({@code h:<name>}); setting the same name again replaces it.
	 * @param name the header name, for example {@code Reply-To}
	 * @param value the header value, on one line
	 * @return this builder
	 */
	public B header(String name, String value) {
		String wireName = "h:" + Checks.requireName("h:", name);
		this.headers.put(name, Checks.requireSingleLine(wireName, value));
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
		if (value == null) {
			throw new MailgunValidationException(wireName, "must not be null");
		}
		this.variables.put(name, (value instanceof CharSequence text) ? text.toString() : JsonText.write(wireName, value));
		return self();
	}

	/**
	 * Sets {@code recipient-variables} already written as a JSON object (by a batch).
	 * @param json the JSON object
	 * @param count how many recipients it has variables for
	 * @return this builder
	 */
	B recipientVariablesJson(String json, int count) {
		this.recipientVariables = json;
		this.recipientVariableCount = count;
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
		if (variables == null) {
			throw new MailgunValidationException("recipient-variables", "must not be null");
		}
		this.recipientVariables = JsonText.write("recipient-variables", variables);
		this.recipientVariableCount = variables.size();
		return self();
	}

	/**
	 * Adds a raw form parameter, for options this library does not model. It is sent as given, after
	 * the modelled ones, and may be repeated.
	 * @param name the Mailgun parameter name
	 * @param value the value
	 * @return this builder
	 */
	public B parameter(String name, String value) {
		Checks.requireParameterName("parameter", name);
		this.parameters.add(new FormField(name, Checks.requireValue(name, value)));
		return self();
	}

	/**
	 * Returns whether a template was chosen.
	 * @return whether {@code template} is set
	 */
	protected boolean hasTemplate() {
		return this.template != null;
	}

	/**
	 * Builds the options set so far, checking the rules that span several options.
	 * @return the options
	 */
	protected SendOptions buildOptions() {
		List<FormField> fields = new ArrayList<>(2 + this.templateFields.size() + this.tags.size()
				+ this.options.size() + this.headers.size() + this.variables.size() + this.parameters.size());
		if (this.template != null) {
			fields.add(new FormField("template", this.template));
		}
		this.templateFields.forEach((name, value) -> fields.add(new FormField(name, value)));
		for (String tag : this.tags) {
			fields.add(new FormField("o:tag", tag));
		}
		this.options.forEach((name, value) -> fields.add(new FormField(name, value)));
		if (this.testMode != null && this.testMode) {
			fields.add(new FormField("o:testmode", "yes"));
		}
		this.headers.forEach((name, value) -> fields.add(new FormField("h:" + name, value)));
		this.variables.forEach((name, value) -> fields.add(new FormField("v:" + name, value)));
		if (this.recipientVariables != null) {
			fields.add(new FormField("recipient-variables", this.recipientVariables));
		}
		fields.addAll(this.parameters);
		SendOptions options = new SendOptions(this.template, fields, this.testMode, this.recipientVariableCount,
				this.parameters.size());
		options.validate();
		return options;
	}

	private B option(String name, String value) {
		this.options.put(name, value);
		return self();
	}

	private static String yesNo(boolean value) {
		return value ? "yes" : "no";
	}

	private static String mode(String parameter, @Nullable TrackingMode mode) {
		if (mode == null) {
			throw new MailgunValidationException(parameter, "must not be null");
		}
		return mode.wireValue();
	}

	private static String domainSelector(String parameter, String value) {
		Checks.requireSingleLine(parameter, Checks.requireText(parameter, value));
		int slash = value.indexOf('/');
		if (slash <= 0 || slash == value.length() - 1 || value.indexOf('/', slash + 1) >= 0 || value.contains(" ")) {
			throw new MailgunValidationException(parameter,
					"must be signing_domain/selector, for example example.com/s1, was '" + Checks.printable(value) + "'");
		}
		return value;
	}

}
