package io.github.springmailgun.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a missing Mailgun setting at start-up: which property, an {@code application.yml} snippet,
 * and where to find the value.
 */
class MailgunPropertyMissingFailureAnalyzer extends AbstractFailureAnalyzer<MailgunPropertyMissingException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MailgunPropertyMissingException cause) {
		String description = "The Mailgun starter needs '" + cause.getProperty() + "', but it is not set.";
		String where = cause.getProperty().equals("mailgun.api-key")
				? "Find the private API key in the Mailgun control panel (Settings > API Security) and pass it "
						+ "through an environment variable; never commit it."
				: "Use the sending domain shown in the Mailgun control panel (Sending > Domains).";
		String action = "Set the property, for example in application.yml:\n\n" + "    mailgun:\n"
				+ "      api-key: ${MAILGUN_API_KEY}\n" + "      domain: mg.example.com\n"
				+ "      region: us   # or eu, where the domain was created\n\n" + where
				+ "\nTo run without Mailgun, set mailgun.enabled=false, or use @AutoConfigureMailgunMock in tests.";
		return new FailureAnalysis(description, action, cause);
	}

}
