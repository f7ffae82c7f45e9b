package io.github.springmailgun.autoconfigure;

import java.net.URI;

import io.github.springmailgun.MailgunRegion;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where the Mailgun client connects and with which credentials. Backed by {@code mailgun.*} properties
 * by default; test support and Testcontainers provide their own to point the client at a mock server.
 */
public interface MailgunConnectionDetails extends ConnectionDetails {

	/**
	 * Returns the API base URL.
	 * @return the base URL, for example {@code https://api.mailgun.net}
	 */
	URI getBaseUrl();

	/**
	 * Returns the API key.
	 * @return the key, or {@code null} when none is configured
	 */
	@Nullable String getApiKey();

	/**
	 * Returns the sending domain.
	 * @return the domain, or {@code null} when none is configured
	 */
	@Nullable String getDomain();

	/**
	 * Returns the region, used in error messages and hints.
	 * @return the region
	 */
	default MailgunRegion getRegion() {
		MailgunRegion region = MailgunRegion.ofHost(String.valueOf(getBaseUrl().getHost()));
		return (region != null) ? region : MailgunRegion.US;
	}

}
