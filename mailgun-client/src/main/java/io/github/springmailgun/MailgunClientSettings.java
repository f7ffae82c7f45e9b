package io.github.springmailgun;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Everything the client needs to reach Mailgun: the API key, the sending domain, where the API is,
 * timeouts, the retry policy, and defaults applied to every message.
 *
 * <p>
 * The API key is never part of {@link #toString()}.
 *
 * @param apiKey the private API key (or a domain sending key, which may only send)
 * @param domain the sending domain, for example {@code mg.example.com}
 * @param region the region of the account
 * @param baseUrl the API base URL, without the API version ({@code /v3} at its end is dropped); the
 * region's when not set explicitly
 * @param connectTimeout how long to wait for a TCP connection
 * @param readTimeout how long to wait for a response once the request is written
 * @param writeTimeout how long an upload may go without progress (the connector taking no part of the
 * body) before the attempt fails; bounds a stall, not the time a large upload takes
 * @param retry when to retry failed calls
 * @param defaultFrom the {@code from} of messages that set none, or {@code null}
 * @param testMode whether messages that do not say otherwise are sent with {@code o:testmode=yes}
 */
public record MailgunClientSettings(String apiKey, String domain, MailgunRegion region, URI baseUrl,
		Duration connectTimeout, Duration readTimeout, Duration writeTimeout, MailgunRetryPolicy retry,
		@Nullable String defaultFrom, boolean testMode) {

	/** Default connect timeout. */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

	/** Default read timeout. */
	public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);

	/**
	 * Default write timeout: a fixed value, not the read timeout, since it measures the link (a window that
	 * stays full) rather than Mailgun's time to answer, and a short read timeout must not cut slow uploads.
	 */
	public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(30);

	/**
	 * Checks the values and trims the base URL of a trailing slash and of a trailing API version
	 * ({@code /v3}), which the client adds to each path itself.
	 */
	public MailgunClientSettings {
		requireText(apiKey, "api-key");
		requireText(domain, "domain");
		Objects.requireNonNull(region, "region");
		Objects.requireNonNull(connectTimeout, "connectTimeout");
		Objects.requireNonNull(readTimeout, "readTimeout");
		Objects.requireNonNull(writeTimeout, "writeTimeout");
		Objects.requireNonNull(retry, "retry");
		if (domain.contains("/") || domain.contains("?") || domain.contains("#") || domain.isBlank()) {
			throw new IllegalArgumentException("mailgun.domain must be a domain name such as mg.example.com, was '"
					+ domain + "'");
		}
		baseUrl = normalize((baseUrl != null) ? baseUrl : region.baseUrl());
		if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative() || readTimeout.isZero()
				|| writeTimeout.isNegative() || writeTimeout.isZero()) {
			throw new IllegalArgumentException("mailgun connect, read and write timeouts must be positive");
		}
	}

	private static void requireText(@Nullable String value, String property) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("mailgun." + property + " must not be empty");
		}
	}

	private static URI normalize(URI uri) {
		String scheme = uri.getScheme();
		if (uri.getHost() == null || (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme))) {
			throw new IllegalArgumentException(
					"mailgun.base-url must be an absolute http(s) URL such as https://api.mailgun.net, was '" + uri
							+ "'");
		}
		// The client adds the version to each path (/v3, /v4, /v1): a base URL written the way older SDKs
		// write it, https://api.eu.mailgun.net/v3, would otherwise make every path /v3/v3/... and a 404.
		String path = uri.getRawPath().replaceAll("(?i)(/v\\d+)?/*$", "");
		return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + path
				+ ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : ""));
	}

	/**
	 * Starts settings for the given key and domain, in the US region with default timeouts and retries.
	 * @param apiKey the API key
	 * @param domain the sending domain
	 * @return a builder
	 */
	public static Builder builder(String apiKey, String domain) {
		return new Builder(apiKey, domain);
	}

	/**
	 * Returns a builder initialized with these settings.
	 * @return a builder
	 */
	public Builder toBuilder() {
		Builder builder = new Builder(this.apiKey, this.domain);
		builder.region = this.region;
		builder.baseUrl = this.baseUrl.equals(this.region.baseUrl()) ? null : this.baseUrl;
		builder.connectTimeout = this.connectTimeout;
		builder.readTimeout = this.readTimeout;
		builder.writeTimeout = this.writeTimeout;
		builder.retry = this.retry;
		builder.defaultFrom = this.defaultFrom;
		builder.testMode = this.testMode;
		return builder;
	}

	/**
	 * Returns a copy bound to another sending domain.
	 * @param domain the other domain
	 * @return the new settings
	 */
	public MailgunClientSettings withDomain(String domain) {
		return new MailgunClientSettings(this.apiKey, domain, this.region, this.baseUrl, this.connectTimeout,
				this.readTimeout, this.writeTimeout, this.retry, this.defaultFrom, this.testMode);
	}

	/**
	 * Returns a readable summary without the API key.
	 * @return the summary
	 */
	@Override
	public String toString() {
		return "MailgunClientSettings[apiKey=******, domain=" + this.domain + ", region=" + this.region + ", baseUrl="
				+ this.baseUrl + ", connectTimeout=" + this.connectTimeout + ", readTimeout=" + this.readTimeout
				+ ", writeTimeout=" + this.writeTimeout + ", retry=" + this.retry + ", defaultFrom=" + this.defaultFrom
				+ ", testMode=" + this.testMode + "]";
	}

	/**
	 * Builds {@link MailgunClientSettings}.
	 */
	public static final class Builder {

		private final String apiKey;

		private final String domain;

		private MailgunRegion region = MailgunRegion.US;

		private @Nullable URI baseUrl;

		private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

		private Duration readTimeout = DEFAULT_READ_TIMEOUT;

		private Duration writeTimeout = DEFAULT_WRITE_TIMEOUT;

		private MailgunRetryPolicy retry = MailgunRetryPolicy.DEFAULT;

		private @Nullable String defaultFrom;

		private boolean testMode;

		private Builder(String apiKey, String domain) {
			this.apiKey = apiKey;
			this.domain = domain;
		}

		/**
		 * Sets the region; ignored for the base URL when {@link #baseUrl(URI)} is set.
		 * @param region the region
		 * @return this builder
		 */
		public Builder region(MailgunRegion region) {
			this.region = Objects.requireNonNull(region, "region");
			return this;
		}

		/**
		 * Sets an explicit API base URL, overriding the region's (a proxy, or a local mock server).
		 * @param baseUrl the base URL, or {@code null} for the region's
		 * @return this builder
		 */
		public Builder baseUrl(@Nullable URI baseUrl) {
			this.baseUrl = baseUrl;
			return this;
		}

		/**
		 * Sets an explicit API base URL from text.
		 * @param baseUrl the base URL, or {@code null} for the region's
		 * @return this builder
		 */
		public Builder baseUrl(@Nullable String baseUrl) {
			this.baseUrl = (baseUrl != null) ? URI.create(baseUrl) : null;
			return this;
		}

		/**
		 * Sets the connect timeout.
		 * @param connectTimeout the timeout
		 * @return this builder
		 */
		public Builder connectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
			return this;
		}

		/**
		 * Sets the read timeout.
		 * @param readTimeout the timeout
		 * @return this builder
		 */
		public Builder readTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
			return this;
		}

		/**
		 * Sets the write timeout: how long an upload may make no progress.
		 * @param writeTimeout the timeout
		 * @return this builder
		 */
		public Builder writeTimeout(Duration writeTimeout) {
			this.writeTimeout = writeTimeout;
			return this;
		}

		/**
		 * Sets the retry policy.
		 * @param retry the policy
		 * @return this builder
		 */
		public Builder retry(MailgunRetryPolicy retry) {
			this.retry = retry;
			return this;
		}

		/**
		 * Sets the {@code from} of messages that set none.
		 * @param defaultFrom the address, or {@code null}
		 * @return this builder
		 */
		public Builder defaultFrom(@Nullable String defaultFrom) {
			this.defaultFrom = defaultFrom;
			return this;
		}

		/**
		 * Sets whether messages that do not say otherwise are sent in test mode.
		 * @param testMode whether to send in test mode
		 * @return this builder
		 */
		public Builder testMode(boolean testMode) {
			this.testMode = testMode;
			return this;
		}

		/**
		 * Builds the settings.
		 * @return the settings
		 */
		public MailgunClientSettings build() {
			URI url = (this.baseUrl != null) ? this.baseUrl : this.region.baseUrl();
			return new MailgunClientSettings(this.apiKey, this.domain, this.region, url, this.connectTimeout,
					this.readTimeout, this.writeTimeout, this.retry, this.defaultFrom, this.testMode);
		}

	}

}
