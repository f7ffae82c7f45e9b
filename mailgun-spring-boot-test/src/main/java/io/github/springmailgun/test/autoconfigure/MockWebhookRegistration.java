package io.github.springmailgun.test.autoconfigure;

import io.github.springmailgun.autoconfigure.MailgunProperties;
import io.github.springmailgun.test.MailgunMockServer;
import io.github.springmailgun.test.MockDomain;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Registers the application's own webhook endpoint ({@code mailgun.webhooks.path}) with the local Mailgun
 * once the web server is up, for every event of every domain the mock knows, as one does once in
 * Mailgun's control panel: the mock then posts the events of each send back to the application, signed
 * with its {@code mailgun.webhooks.signing-key}, and keeps the registration across resets
 * ({@link io.github.springmailgun.test.MockWebhooks#registerForEveryEvent}). Import it into a
 * local-development configuration next to {@link AutoConfigureMailgunMock}; it does nothing while the
 * webhook endpoint is off.
 */
public class MockWebhookRegistration implements ApplicationListener<WebServerInitializedEvent> {

	private static final Log logger = LogFactory.getLog(MockWebhookRegistration.class);

	private final MailgunMockServer mailgun;

	private final MailgunProperties properties;

	/**
	 * Creates the registration.
	 * @param mailgun the mock
	 * @param properties the application's Mailgun settings, for the webhook endpoint's path and key
	 */
	public MockWebhookRegistration(MailgunMockServer mailgun, MailgunProperties properties) {
		this.mailgun = mailgun;
		this.properties = properties;
	}

	/**
	 * Registers the endpoint of the application's main web server (not a management server's).
	 * @param event the web server's start
	 */
	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		MailgunProperties.Webhooks webhooks = this.properties.webhooks();
		if (!webhooks.enabled() || webhooks.signingKey() == null || event.getApplicationContext().getParent() != null) {
			return;
		}
		String url = "http://localhost:" + event.getWebServer().getPort() + webhooks.path();
		for (MockDomain domain : this.mailgun.domains()) {
			this.mailgun.webhooks().registerForEveryEvent(domain.name(), url);
		}
		logger.info("Local Mailgun: webhooks are posted to " + url);
	}

}
