package io.github.springmailgun.autoconfigure;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.github.springmailgun.MailgunRegion;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for Mailgun.
 *
 * @param enabled Whether to enable the Mailgun auto-configuration.
 * @param apiKey Mailgun private API key, or a domain sending key (which can only send). Found in the
 * Mailgun control panel under API Security.
 * @param domain Sending domain, for example 'mg.example.com'.
 * @param region Region of the Mailgun account: 'us' (api.mailgun.net) or 'eu' (api.eu.mailgun.net).
 * @param baseUrl API base URL, overriding the region's (for a proxy or a local mock server). A trailing API
 * version such as '/v3' is dropped: the client adds the version to each path.
 * @param defaultFrom Sender of messages that set none, for example 'Shop <shop@mg.example.com>'.
 * @param testMode Whether messages that do not say otherwise are sent in Mailgun's test mode (accepted
 * but not delivered).
 * @param connectTimeout How long to wait for a connection to Mailgun. Defaults to
 * 'spring.http.clients.connect-timeout', or 10s when that is not set either.
 * @param readTimeout How long to wait for Mailgun's response once a request is written, and again for its
 * body. Defaults to 'spring.http.clients.read-timeout', or 30s when that is not set either.
 * @param writeTimeout How long an upload to Mailgun may make no progress (a server or proxy that stops
 * reading) before the attempt fails; it bounds a stall, not the time a large attachment takes to send.
 * Defaults to 30s (Spring Boot has no such setting).
 * @param ssl SSL settings of the connection to Mailgun.
 * @param retry Retry settings.
 * @param mailSender JavaMailSender adapter settings.
 * @param health Health indicator settings.
 * @param webhooks Webhook endpoint settings.
 * @param observations Observation settings.
 * @param idempotency Settings of sends with an idempotency key.
 * @param inbound Inbound mail endpoint settings.
 */
@ConfigurationProperties("mailgun")
public record MailgunProperties(@DefaultValue("true") boolean enabled, @Nullable String apiKey,
		@Nullable String domain, @DefaultValue("us") MailgunRegion region, @Nullable URI baseUrl,
		@Nullable String defaultFrom, @DefaultValue("false") boolean testMode,
		@Nullable Duration connectTimeout, @Nullable Duration readTimeout, @Nullable Duration writeTimeout,
		@DefaultValue Ssl ssl,
		@DefaultValue Retry retry, @DefaultValue MailSender mailSender, @DefaultValue Health health,
		@DefaultValue Webhooks webhooks, @DefaultValue Observations observations,
		@DefaultValue Idempotency idempotency, @DefaultValue Inbound inbound) {

	/**
	 * Describes the properties without the API key and the webhook signing keys.
	 * @return the description
	 */
	@Override
	public String toString() {
		return "MailgunProperties[enabled=" + this.enabled + ", apiKey=" + ((this.apiKey != null) ? "******" : null)
				+ ", domain=" + this.domain + ", region=" + this.region + ", baseUrl=" + this.baseUrl
				+ ", defaultFrom=" + this.defaultFrom + ", testMode=" + this.testMode + ", connectTimeout="
				+ this.connectTimeout + ", readTimeout=" + this.readTimeout + ", writeTimeout=" + this.writeTimeout
				+ ", ssl=" + this.ssl + ", retry=" + this.retry + ", mailSender=" + this.mailSender + ", health=" + this.health
				+ ", webhooks=" + this.webhooks + ", observations=" + this.observations
				+ ", idempotency=" + this.idempotency + ", inbound=" + this.inbound + "]";
	}

	/**
	 * Observation settings.
	 *
	 * @param correlate Whether each send carries its trace context to Mailgun in the custom variable
	 * 'mailgun-trace-context', so that the webhook endpoint continues the sending trace. Every recipient can
	 * read the variable (a trace id and span id) in the message's X-Mailgun-Variables header.
	 */
	public record Observations(@DefaultValue("false") boolean correlate) {

	}

	/**
	 * SSL settings of the connection to Mailgun.
	 *
	 * @param bundle Name of the SSL bundle ('spring.ssl.bundle.*') whose trust store verifies Mailgun's
	 * certificate, for example that of a TLS-inspecting proxy. Defaults to 'spring.http.clients.ssl.bundle',
	 * or the JVM's trust store when that is not set either.
	 */
	public record Ssl(@Nullable String bundle) {

	}

	/**
	 * Retry settings. Only failures that cannot duplicate mail are retried.
	 *
	 * @param enabled Whether to retry failed calls.
	 * @param maxAttempts Maximum number of attempts per call, the first included.
	 * @param initialBackoff Delay before the first retry, doubled for each further retry.
	 * @param maxBackoff Longest delay between two attempts. A rate limit that asks for a longer wait fails
	 * at once.
	 * @param maxElapsedTime Longest time spent retrying one call, from the start of its first attempt: a
	 * retry still in flight then is cancelled. The first attempt is bounded by its own timeouts, so a call
	 * ends by the later of its first attempt's end and this time.
	 * @param retrySendOnServerError Whether sends that got 502, 503 or 504 are retried even though Mailgun
	 * may already have accepted them (may deliver twice).
	 */
	public record Retry(@DefaultValue("true") boolean enabled, @DefaultValue("3") int maxAttempts,
			@DefaultValue("500ms") Duration initialBackoff, @DefaultValue("10s") Duration maxBackoff,
			@DefaultValue("30s") Duration maxElapsedTime, @DefaultValue("false") boolean retrySendOnServerError) {

	}

	/**
	 * Settings of the JavaMailSender adapter.
	 *
	 * @param enabled Whether to auto-configure a JavaMailSender that sends through Mailgun. It also backs
	 * off when the application defines a MailSender or configures SMTP with 'spring.mail.host'.
	 */
	public record MailSender(@DefaultValue("true") boolean enabled) {

	}

	/**
	 * Settings of the health indicator.
	 *
	 * @param timeout Longest time a health check waits for Mailgun before reporting UNKNOWN.
	 * @param cacheTtl How long a health result is reused, so that probes do not hit Mailgun's rate limits.
	 * @param domains Domains to check, each reported as its own entry. Defaults to the sending domain.
	 */
	public record Health(@DefaultValue("2s") Duration timeout, @DefaultValue("1m") Duration cacheTtl,
			@DefaultValue List<String> domains) {

	}

	/**
	 * Settings of the webhook endpoint, which verifies Mailgun's webhooks and publishes them as
	 * application events.
	 *
	 * @param enabled Whether to enable the webhook endpoint. It also needs 'mailgun.webhooks.signing-key'.
	 * @param signingKey HTTP webhook signing key (not the API key) that Mailgun signs webhooks with. Found
	 * in the Mailgun control panel under API Security. Setting it enables the webhook endpoint.
	 * @param parentSigningKey HTTP webhook signing key of the primary account, to also accept the
	 * 'parent-signature' of webhooks from its subaccounts' domains. Needs 'trust-every-subaccount'.
	 * @param trustEverySubaccount Whether to accept events signed with 'parent-signing-key'. Every
	 * subaccount's webhooks carry such a signature, which does not cover the event, so any subaccount
	 * operator can post made-up events that pass.
	 * @param path Path of the webhook endpoint that receives Mailgun's POST requests.
	 * @param maxAge Maximum age of an accepted webhook signature. It should cover Mailgun's retries (about 8
	 * hours).
	 * @param maxFutureSkew How far ahead of this machine's clock a webhook signature timestamp may be.
	 * @param replayCache Name of the cache that remembers processed webhook tokens, shared by every
	 * instance, when the application has a CacheManager. Its entries must live at least 'max-age' plus
	 * 'max-future-skew'. Empty to remember tokens in memory instead.
	 * @param maxBodySize Maximum size of a webhook request body. Larger bodies are answered with 413.
	 * @param claimLease How long a delivery being processed holds its webhook token, so that an
	 * overlapping delivery of the same event is answered 503 rather than processed twice. It should
	 * outlast the listeners; an instance that dies mid-listener holds Mailgun's retry back this long.
	 */
	public record Webhooks(@DefaultValue("true") boolean enabled, @Nullable String signingKey,
			@Nullable String parentSigningKey, @DefaultValue("false") boolean trustEverySubaccount,
			@DefaultValue("/mailgun/webhooks") String path,
			@DefaultValue("9h") Duration maxAge, @DefaultValue("5m") Duration maxFutureSkew,
			@DefaultValue("mailgun-webhook-tokens") String replayCache, @DefaultValue("1MB") DataSize maxBodySize,
			@DefaultValue("1m") Duration claimLease) {

		/**
		 * Describes the settings without the signing keys.
		 * @return the description
		 */
		@Override
		public String toString() {
			return "Webhooks[enabled=" + this.enabled + ", signingKey=" + mask(this.signingKey)
					+ ", parentSigningKey=" + mask(this.parentSigningKey) + ", trustEverySubaccount="
					+ this.trustEverySubaccount + ", path=" + this.path + ", maxAge="
					+ this.maxAge + ", maxFutureSkew=" + this.maxFutureSkew + ", replayCache=" + this.replayCache
					+ ", maxBodySize=" + this.maxBodySize + ", claimLease=" + this.claimLease + "]";
		}

		private static @Nullable String mask(@Nullable String secret) {
			return (secret != null) ? "******" : null;
		}

	}

	/**
	 * Settings of sends with an idempotency key.
	 *
	 * @param cache Name of the cache that records sends with an idempotency key, shared by every instance
	 * when the application has a CacheManager; its time to live is how long a repeat is recognized (24h,
	 * for example). Empty to keep them in memory.
	 * @param inFlightLease How long a send holds its idempotency key before a repeat is told its outcome is
	 * unknown (the instance may have stopped mid-send). Keep it above the longest send, retries included.
	 */
	public record Idempotency(@DefaultValue("mailgun-send-idempotency") String cache,
			@DefaultValue("5m") Duration inFlightLease) {

	}

	/**
	 * Settings of the inbound mail endpoint, which verifies the mail Mailgun's routes forward and publishes
	 * it as an application event. The endpoint reads the request itself: Spring Boot's multipart limits do
	 * not apply to it.
	 *
	 * @param path Path of the endpoint that receives the mail Mailgun's routes forward, for example
	 * '/mailgun/inbound'. Setting it enables the endpoint (empty is off); it does not enable the webhook
	 * endpoint.
	 * @param signingKey HTTP webhook signing key that Mailgun signs forwarded mail with. Defaults to
	 * 'mailgun.webhooks.signing-key' (Mailgun signs both with the same key).
	 * @param maxRequestSize Largest accepted request, attachments included; larger ones get 413. It also
	 * bounds the disk a request uses. Mailgun accepts messages of up to 25 MB, which grow by a third when
	 * the raw MIME form posts them base64-encoded, and the parsed form repeats the text in several fields.
	 * @param maxFields Most form fields and attachments one request may have; more get 413.
	 * @param maxFieldSize Largest text field (such as 'body-html'), held in memory; larger ones get 413.
	 * Attachments and 'body-mime' go to temporary files and are bounded by 'max-request-size' only.
	 * @param maxInFlight Most requests read or handled at the same time; more get 503, which Mailgun retries.
	 * @param tempDirectory Directory of the temporary files that hold attachments and raw MIME. Defaults to
	 * the JVM's temporary directory.
	 */
	public record Inbound(@Nullable String path, @Nullable String signingKey,
			@DefaultValue("64MB") DataSize maxRequestSize, @DefaultValue("500") int maxFields,
			@DefaultValue("10MB") DataSize maxFieldSize, @DefaultValue("16") int maxInFlight,
			@Nullable Path tempDirectory) {

		/**
		 * Describes the settings without the signing key.
		 * @return the description
		 */
		@Override
		public String toString() {
			return "Inbound[path=" + this.path + ", signingKey=" + ((this.signingKey != null) ? "******" : null)
					+ ", maxRequestSize=" + this.maxRequestSize + ", maxFields=" + this.maxFields + ", maxFieldSize="
					+ this.maxFieldSize + ", maxInFlight=" + this.maxInFlight + ", tempDirectory="
					+ this.tempDirectory + "]";
		}

	}

}
