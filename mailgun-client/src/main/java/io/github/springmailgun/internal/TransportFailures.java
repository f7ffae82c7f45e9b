package io.github.springmailgun.internal;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLHandshakeException;

import io.github.springmailgun.MailgunClientSettings;
import io.github.springmailgun.error.MailgunException;
import io.github.springmailgun.error.MailgunTimeoutException;
import io.github.springmailgun.error.MailgunTlsException;
import io.github.springmailgun.error.MailgunTransportException;
import org.jspecify.annotations.Nullable;

import org.springframework.core.NestedExceptionUtils;

/**
 * Classifies a failure that is not an answer from Mailgun: whether the request may have reached Mailgun
 * decides whether it may be retried (see {@link Retries}). A request whose body did not go out whole (an
 * upload that stalled) never reached it: Mailgun acts only on a complete request. Only JDK exception types are looked for, so
 * that every connector (Reactor Netty, the JDK client, Jetty, HttpComponents) is classified alike.
 */
final class TransportFailures {

	private TransportFailures() {
	}

	/**
	 * Returns the typed exception for a failure of one attempt.
	 * @param failure what the attempt failed with
	 * @param request the call
	 * @param handedToConnection whether the request was handed to a connection to be written
	 * @param settings the settings, for the timeouts in messages
	 * @return the failure itself when it is a {@link MailgunException}, otherwise the exception that says
	 * whether the request may have reached Mailgun
	 */
	static MailgunException classify(Throwable failure, ApiRequest request, boolean handedToConnection,
			MailgunClientSettings settings) {
		if (cause(failure, MailgunException.class) instanceof MailgunException own) {
			return own;
		}
		URI uri = request.uri();
		String target = request.method() + " " + uri.getScheme() + "://" + uri.getHost()
				+ ((uri.getPort() >= 0) ? ":" + uri.getPort() : "") + request.path();
		// The JDK client's own connect timeout is an HttpTimeoutException too, but nothing was written.
		boolean connectTimeout = cause(failure, HttpConnectTimeoutException.class) != null;
		if (cause(failure, AttemptDeadline.UploadStalled.class) instanceof AttemptDeadline.UploadStalled stalled) {
			return new MailgunTimeoutException("Upload to Mailgun stalled for " + target + ": " + stalled.getMessage()
					+ "; the request did not go out whole, so Mailgun cannot have accepted it", failure, false);
		}
		if (cause(failure, AttemptDeadline.OutOfTime.class) instanceof AttemptDeadline.OutOfTime late) {
			return new MailgunTimeoutException("retry.max-elapsed-time (" + settings.retry().maxElapsedTime()
					+ ") ran out during a retry of " + target + ", which was cancelled " + (late.requestOut()
							? "after its request went out: it may have reached Mailgun"
							: "before its request went out whole: it did not reach Mailgun"), failure, late.requestOut());
		}
		if (!connectTimeout && handedToConnection
				&& cause(failure, TimeoutException.class, HttpTimeoutException.class) != null) {
			return new MailgunTimeoutException("No response from Mailgun within " + settings.readTimeout() + " for " + target,
					failure, true);
		}
		if (cause(failure, SSLHandshakeException.class) != null
				&& cause(failure, CertificateException.class, CertPathValidatorException.class,
						CertPathBuilderException.class) != null) {
			return new MailgunTlsException("The certificate of " + uri.getHost() + " was not trusted for " + target
					+ ": " + rootMessage(failure) + ". If a TLS-inspecting proxy or a private certificate authority "
					+ "stands in front of Mailgun, trust its certificate with an SSL bundle "
					+ "(spring.ssl.bundle.pem.<name>.truststore.certificate and mailgun.ssl.bundle=<name>) "
					+ "or a connector built with that trust store; certificate checks stay on", failure);
		}
		// No connection, no name, or no TLS session: the request was never written.
		boolean notConnected = connectTimeout || cause(failure, ConnectException.class, UnknownHostException.class,
				UnresolvedAddressException.class, SSLHandshakeException.class) != null;
		// The connection pool refused the request (its queue of waiting requests is full) or made it wait
		// too long: nothing was written either, so even a send may be retried.
		String what = notConnected ? "Could not connect to Mailgun for "
				: !handedToConnection ? "No connection to Mailgun was available for "
						: "Connection to Mailgun failed during ";
		return new MailgunTransportException(what + target + ": " + rootMessage(failure), failure,
				handedToConnection && !notConnected);
	}

	/** The first throwable of one of the types in the cause chain (bounded, as a chain may loop). */
	private static @Nullable Throwable cause(Throwable failure, Class<?>... types) {
		Throwable current = failure;
		for (int depth = 0; current != null && depth < 16; depth++) {
			for (Class<?> type : types) {
				if (type.isInstance(current)) {
					return current;
				}
			}
			current = current.getCause();
		}
		return null;
	}

	private static String rootMessage(Throwable failure) {
		Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
		String message = root.getMessage();
		return root.getClass().getSimpleName() + ((message != null) ? " (" + message + ")" : "");
	}

}
