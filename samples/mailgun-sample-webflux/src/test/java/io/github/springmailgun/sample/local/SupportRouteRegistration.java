package io.github.springmailgun.sample.local;

import java.time.Duration;

import io.github.springmailgun.MailgunOperations;
import io.github.springmailgun.autoconfigure.MailgunProperties;
import io.github.springmailgun.route.Route;
import io.github.springmailgun.route.RouteRequest;
import io.github.springmailgun.sample.webflux.support.SupportInbox;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Creates the support inbox's route in the local Mailgun once the web server is up, through the Routes API
 * as one would once for real: mail to {@code support@...} (and {@code support+<ticket>@...}) is forwarded
 * to the application's inbound endpoint ({@code mailgun.inbound.path}). Does nothing while that endpoint
 * is off.
 */
public class SupportRouteRegistration implements ApplicationListener<WebServerInitializedEvent> {

	private static final Log logger = LogFactory.getLog(SupportRouteRegistration.class);

	private final MailgunOperations mailgun;

	private final MailgunProperties properties;

	private final SupportInbox inbox;

	private volatile int port;

	SupportRouteRegistration(MailgunOperations mailgun, MailgunProperties properties, SupportInbox inbox) {
		this.mailgun = mailgun;
		this.properties = properties;
		this.inbox = inbox;
	}

	/**
	 * Creates the route for the application's main web server (not a management server's).
	 * @param event the web server's start
	 */
	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		if (this.properties.inbound().path() == null || event.getApplicationContext().getParent() != null) {
			return;
		}
		this.port = event.getWebServer().getPort();
		Route route = createRoute();
		logger.info("Local Mailgun: mail matching " + route.expression() + " is forwarded to " + route.actions()
				+ "; tickets are shown at /tickets");
	}

	/**
	 * Creates the route again, for a test after the mock's {@code reset()}, which forgets routes.
	 * @return the route the local Mailgun stored
	 */
	public Route createRoute() {
		String url = "http://localhost:" + this.port + this.properties.inbound().path();
		RouteRequest request = RouteRequest.builder(this.inbox.route())
			.forward(url)
			.description("Sample support inbox (local mode)")
			.build();
		// Start-up waits for it, so that the first mail to support@ already finds the route.
		return this.mailgun.routes().create(request).block(Duration.ofSeconds(10));
	}

}
