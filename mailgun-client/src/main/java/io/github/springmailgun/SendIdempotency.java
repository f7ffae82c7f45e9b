package io.github.springmailgun;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import io.github.springmailgun.error.MailgunException;
import io.github.springmailgun.error.MailgunIdempotencyException;
import io.github.springmailgun.error.MailgunIdempotencyException.Reason;
import io.github.springmailgun.message.Attachment;
import io.github.springmailgun.message.FormField;
import io.github.springmailgun.message.InMemorySendIdempotencyStore;
import io.github.springmailgun.message.MailgunMessage;
import io.github.springmailgun.message.SendIdempotencyStore;
import io.github.springmailgun.message.SendResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.io.ByteArrayResource;

/**
 * Sends a message with an idempotency key at most once per store: claims the key with an in-flight marker
 * holding the request's hash, then records the answer, or that the outcome is unknown, or releases the key
 * after a failure that certainly sent nothing. Shared by a client and its {@code forDomain} views, like
 * the observation, so that a store set later applies to both.
 *
 * <p>
 * The hash covers the domain, every form field, and each file part's name, file name and content type;
 * the bytes of a part given as a {@code byte[]}, but only the description (the path or URL) of any other
 * resource: reading a file or stream once more to hash it would double the upload's I/O, and a stream
 * cannot be read twice.
 */
final class SendIdempotency {

	static final Duration DEFAULT_IN_FLIGHT_LEASE = Duration.ofMinutes(5);

	private static final Log logger = LogFactory.getLog(SendIdempotency.class);

	/** The kinds of value, first of their lines: the request's hash follows, then what the kind records. */
	private static final String IN_FLIGHT = "in-flight";

	private static final String SENT = "sent";

	private static final String UNKNOWN = "unknown";

	private volatile SendIdempotencyStore store = new InMemorySendIdempotencyStore();

	private volatile Duration inFlightLease = DEFAULT_IN_FLIGHT_LEASE;

	private final Clock clock = Clock.systemUTC();

	void setStore(SendIdempotencyStore store) {
		this.store = Objects.requireNonNull(store, "store");
	}

	void setInFlightLease(Duration inFlightLease) {
		if (inFlightLease.isNegative() || inFlightLease.isZero()) {
			throw new IllegalArgumentException("inFlightLease must be positive, was " + inFlightLease);
		}
		this.inFlightLease = inFlightLease;
	}

	/**
	 * Sends through {@code call} unless the key says the message was sent, is being sent, or may have been.
	 */
	Mono<SendResponse> send(String domain, MailgunMessage message, String key, Supplier<Mono<SendResponse>> call) {
		String hash = hash(domain, message);
		SendIdempotencyStore store = this.store;
		String marker = String.join("\n", IN_FLIGHT, hash,
				Long.toString(this.clock.millis() + this.inFlightLease.toMillis()));
		return store.putIfAbsent(key, marker)
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap(existing -> existing.isPresent() ? repeat(key, hash, existing.get())
					: first(store, key, hash, Mono.defer(call)));
	}

	private Mono<SendResponse> first(SendIdempotencyStore store, String key, String hash, Mono<SendResponse> call) {
		return call
			.flatMap(response -> quietly(key, store.put(key, String.join("\n", SENT, hash, response.id(),
					response.message()))).thenReturn(response))
			.onErrorResume(error -> settle(store, key, hash, error).then(Mono.error(error)))
			// A caller that gives up mid-send cannot know whether Mailgun took the message.
			.doOnCancel(() -> quietly(key, store.put(key, String.join("\n", UNKNOWN, hash))).subscribe());
	}

	private Mono<Void> settle(SendIdempotencyStore store, String key, String hash, Throwable error) {
		if (error instanceof MailgunException mailgun && !mailgun.isOutcomeUnknown()) {
			// Refused by Mailgun or never sent: the caller may fix the message and send it again.
			return quietly(key, store.remove(key));
		}
		return quietly(key, store.put(key, String.join("\n", UNKNOWN, hash)));
	}

	/**
	 * The send's own outcome matters more than the record of it: a store that fails now leaves the
	 * in-flight marker, which turns into an unknown outcome when its lease ends.
	 */
	private static Mono<Void> quietly(String key, Mono<Void> write) {
		return write.onErrorResume(error -> {
			logger.warn("Could not record the send with idempotency key '" + key + "' in the store", error);
			return Mono.empty();
		});
	}

	private Mono<SendResponse> repeat(String key, String hash, String recorded) {
		String[] fields = recorded.split("\n", 4);
		if (fields.length >= 2 && !fields[1].equals(hash)) {
			return Mono.error(new MailgunIdempotencyException(key, Reason.MISMATCH));
		}
		if (fields.length == 4 && fields[0].equals(SENT)) {
			return Mono.just(new SendResponse(fields[2], fields[3]));
		}
		if (fields.length == 3 && fields[0].equals(IN_FLIGHT) && isLive(fields[2])) {
			return Mono.error(new MailgunIdempotencyException(key, Reason.IN_FLIGHT));
		}
		// Unknown, a lease that ended (its instance may have sent and died), or a value this client cannot read.
		return Mono.error(new MailgunIdempotencyException(key, Reason.UNKNOWN_OUTCOME));
	}

	private boolean isLive(String expiresAtMillis) {
		try {
			return this.clock.millis() < Long.parseLong(expiresAtMillis);
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	static String hash(String domain, MailgunMessage message) {
		MessageDigest digest = sha256();
		update(digest, domain);
		for (FormField field : message.formFields()) {
			update(digest, field.name());
			update(digest, field.value());
		}
		update(digest, message.attachments(), "attachment");
		update(digest, message.inlines(), "inline");
		return HexFormat.of().formatHex(digest.digest());
	}

	private static void update(MessageDigest digest, List<Attachment> parts, String name) {
		for (Attachment part : parts) {
			update(digest, name);
			update(digest, part.filename());
			update(digest, part.contentType());
			if (part.content() instanceof ByteArrayResource bytes) {
				update(digest, bytes.getByteArray());
			}
			else {
				update(digest, part.content().getDescription());
			}
		}
	}

	private static void update(MessageDigest digest, String value) {
		update(digest, value.getBytes(StandardCharsets.UTF_8));
	}

	/** Length-prefixed, so that no two different sequences of values hash alike. */
	private static void update(MessageDigest digest, byte[] value) {
		int length = value.length;
		digest.update(new byte[] { (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8),
				(byte) length });
		digest.update(value);
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JVM", ex);
		}
	}

}
