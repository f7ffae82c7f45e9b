package io.github.springmailgun.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@code mailgun.ssl.bundle} that names no configured SSL bundle, with a snippet that defines
 * one.
 */
class MailgunSslBundleMissingFailureAnalyzer extends AbstractFailureAnalyzer<MailgunSslBundleMissingException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MailgunSslBundleMissingException cause) {
		String description = "'mailgun.ssl.bundle' is set to '" + cause.getBundle()
				+ "', but no SSL bundle of that name is configured.";
		String action = "Define the bundle, for example with the certificate Mailgun's connection must trust, in "
				+ "application.yml:\n\n" + "    spring:\n" + "      ssl:\n" + "        bundle:\n" + "          pem:\n"
				+ "            " + cause.getBundle() + ":\n" + "              truststore:\n"
				+ "                certificate: classpath:proxy-ca.pem\n\n"
				+ "or correct the name in 'mailgun.ssl.bundle', or remove it to use the JVM's trust store.";
		return new FailureAnalysis(description, action, cause);
	}

}
