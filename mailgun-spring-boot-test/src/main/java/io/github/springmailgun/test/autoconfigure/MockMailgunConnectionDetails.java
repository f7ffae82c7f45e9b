package io.github.springmailgun.test.autoconfigure;

import java.net.URI;

import io.github.springmailgun.autoconfigure.MailgunConnectionDetails;
import io.github.springmailgun.test.MailgunMockServer;

/**
 * {@link MailgunConnectionDetails} of a running {@link MailgunMockServer}: its URL, key and domain.
 */
public class MockMailgunConnectionDetails implements MailgunConnectionDetails {

	private final MailgunMockServer server;

	/**
	 * Creates the details of a mock server.
	 * @param server the running mock
	 */
	public MockMailgunConnectionDetails(MailgunMockServer server) {
		this.server = server;
	}

	@Override
	public URI getBaseUrl() {
		return this.server.baseUrl();
	}

	@Override
	public String getApiKey() {
		return this.server.apiKey();
	}

	@Override
	public String getDomain() {
		return this.server.domain();
	}

}
