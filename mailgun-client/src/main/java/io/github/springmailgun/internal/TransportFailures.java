package io.github.springmailgun.internal;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLHandshakeException;

import io.github.springmailgun.error.MailgunException;
import io.github.springmailgun.error.MailgunTimeoutException;
import io.github.springmailgun.error.MailgunTransportException;
import io.netty.handler.timeout.ReadTimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Classifies a failure that is not an answer from Mailgun: whether the request may have reached Mailgun
 * decides whether it may be retried (see {@link Retries}).
 */
final class TransportFailures {

	private TransportFailures() {
	}

	/**
	 * Returns the typed exception for a failure of one attempt.
	 * @param failure what the attempt failed with
	 * @param request the call
	 * @param handedToConnection whether the request was handed to a connection to be written
	 * @param readTimeout the read timeout, for the message
	 * @return the failure itself when it is a {@link MailgunException}, otherwise the exception that says
	 * whether the request may have reached Mailgun
	 */
	static MailgunException classify(Throwable failure, ApiRequest request, boolean handedToConnection,
			Duration readTimeout) {
		MailgunException own = find(failure, MailgunException.class);
		if (own != null) {
			return own;
		}
		URI uri = request.uri();
		String target = request.method() + " " + uri.getScheme() + "://" + uri.getHost()
				+ ((uri.getPort() >= 0) ? ":" + uri.getPort() : "") + request.path();
		if (handedToConnection
				&& (find(failure, TimeoutException.class) != null || find(failure, ReadTimeoutException.class) != null)) {
			return new MailgunTimeoutException("No response from Mailgun within " + readTimeout + " for " + target,
					failure, true);
		}
		// No connection, no name, or no TLS session: the request was never written.
		if (find(failure, ConnectException.class) != null || find(failure, UnknownHostException.class) != null
				|| find(failure, UnresolvedAddressException.class) != null
				|| find(failure, SSLHandshakeException.class) != null) {
			return new MailgunTransportException("Could not connect to Mailgun for " + target + ": "
					+ rootMessage(failure), failure, false);
		}
		// The connection pool refused the request (its queue of waiting requests is full) or made it wait
		// too long: nothing was written, so even a send may be retried.
		if (!handedToConnection) {
			return new MailgunTransportException("No connection to Mailgun was available for " + target + ": "
					+ rootMessage(failure), failure, false);
		}
		return new MailgunTransportException("Connection to Mailgun failed during " + target + ": "
				+ rootMessage(failure), failure, true);
	}

	private static @Nullable <E extends Throwable> E find(Throwable failure, Class<E> type) {
		Throwable current = failure;
		for (int depth = 0; current != null && depth < 16; depth++) {
			if (type.isInstance(current)) {
				return type.cast(current);
			}
			current = current.getCause();
		}
		return null;
	}

	private static String rootMessage(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage();
		return root.getClass().getSimpleName() + ((message != null) ? " (" + message + ")" : "");
	}

}
