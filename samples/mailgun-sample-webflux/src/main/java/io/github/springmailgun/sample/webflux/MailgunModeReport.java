package io.github.springmailgun.sample.webflux;

import io.github.springmailgun.MailgunClientSettings;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Says at start-up where mail goes, so nobody wonders whether the sample sends for real.
 */
@Component
class MailgunModeReport {

	private static final Log logger = LogFactory.getLog(MailgunModeReport.class);

	private final MailgunClientSettings settings;

	MailgunModeReport(MailgunClientSettings settings) {
		this.settings = settings;
	}

	@EventListener(ApplicationReadyEvent.class)
	void report() {
		String host = String.valueOf(this.settings.baseUrl().getHost());
		if (host.equals("127.0.0.1") || host.equals("localhost")) {
			logger.info("LOCAL MODE: no MAILGUN_API_KEY, mail goes to an in-process Mailgun mock at "
					+ this.settings.baseUrl() + ". Sent mail is shown at /outbox.");
		}
		else {
			logger.info("LIVE MODE: mail is sent through Mailgun at " + this.settings.baseUrl() + " for domain "
					+ this.settings.domain() + " (region " + this.settings.region() + ").");
		}
	}

}
