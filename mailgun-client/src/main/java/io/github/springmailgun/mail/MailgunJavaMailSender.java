package io.github.springmailgun.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.BiConsumer;
import java.util.function.Function;

import io.github.springmailgun.BlockingMailgunOperations;
import io.github.springmailgun.error.MailgunAuthenticationException;
import io.github.springmailgun.error.MailgunException;
import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.internal.MailgunDates;
import io.github.springmailgun.message.MailgunMessage;
import io.github.springmailgun.message.MimeMessageRequest;
import io.github.springmailgun.message.SendResponse;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import reactor.core.scheduler.Schedulers;

import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * A {@link JavaMailSender} that sends through Mailgun's HTTP API, so code written for Spring's mail
 * abstraction sends through Mailgun unchanged. A {@link MimeMessage} goes to {@code messages.mime}
 * with every envelope recipient (To, Cc and Bcc) as {@code to} and the MIME written without its
 * {@code Bcc} header; a {@link SimpleMailMessage} goes to {@code messages}. {@code X-Mailgun-*}
 * headers in a MIME message keep working as Mailgun documents them.
 *
 * <p>
 * Sending blocks, bounded by the client's timeouts, and fails at once when called on a non-blocking
 * thread. When several messages are passed, all are attempted; those not sent for certain are reported
 * together in a {@link MailgunMailSendException} (a {@link MailSendException}). Its
 * {@link MailSendException#getFailedMessages() failed messages} are only those Mailgun refused or never
 * received, safe to send again; a message Mailgun may have accepted (a 5xx, or a connection lost after
 * the request was written) is in {@link MailgunMailSendException#getOutcomeUnknownMessages()} instead, so
 * that code which resends the failed messages does not deliver it twice.
 */
public class MailgunJavaMailSender implements JavaMailSender {

	private static final String[] IGNORED_HEADERS = { "Bcc" };

	private static final String[] NO_ADDRESSES = {};

	private static final Address[] NO_RECIPIENTS = {};

	private final BlockingMailgunOperations mailgun;

	private final Session session;

	/**
	 * Creates a sender on the blocking Mailgun operations.
	 * @param mailgun the operations to send with
	 */
	public MailgunJavaMailSender(BlockingMailgunOperations mailgun) {
		this(mailgun, Session.getInstance(new Properties()));
	}

	/**
	 * Creates a sender that creates messages in the given session.
	 * @param mailgun the operations to send with
	 * @param session the session for {@link #createMimeMessage()}
	 */
	public MailgunJavaMailSender(BlockingMailgunOperations mailgun, Session session) {
		this.mailgun = mailgun;
		this.session = session;
	}

	@Override
	public MimeMessage createMimeMessage() {
		return new MimeMessage(this.session);
	}

	@Override
	public MimeMessage createMimeMessage(InputStream contentStream) throws MailException {
		try {
			return new MimeMessage(this.session, contentStream);
		}
		catch (MessagingException ex) {
			throw new MailParseException("Could not parse raw MIME content", ex);
		}
	}

	@Override
	public void send(MimeMessage... mimeMessages) throws MailException {
		sendAll(mimeMessages, this::prepare, (message, request) -> {
			SendResponse response = this.mailgun.sendMime(request);
			try {
				// Mailgun assigns its own id; make the message tell the truth about what was sent.
				message.setHeader("Message-ID", response.id());
			}
			catch (MessagingException ex) {
				// Accepted by Mailgun; only the local header could not be updated.
			}
		});
	}

	@Override
	public void send(SimpleMailMessage... simpleMessages) throws MailException {
		sendAll(simpleMessages, MailgunJavaMailSender::convert, (message, request) -> this.mailgun.send(request));
	}

	private static <M, R> void sendAll(M[] messages, Function<M, R> prepare, BiConsumer<M, R> send) {
		requireBlockingThread();
		// Prepare every message first: bad input fails the call before anything is sent.
		List<R> requests = Arrays.stream(messages).map(prepare).toList();
		Map<Object, Exception> failures = new LinkedHashMap<>();
		Map<Object, Exception> outcomeUnknown = new LinkedHashMap<>();
		for (int i = 0; i < messages.length; i++) {
			try {
				send.accept(messages[i], requests.get(i));
			}
			catch (MailgunException ex) {
				if (ex instanceof MailgunAuthenticationException && i == 0) {
					// As JavaMailSenderImpl does for a refused login: nothing was sent, and nothing else will be.
					throw new MailAuthenticationException(ex);
				}
				(ex.isOutcomeUnknown() ? outcomeUnknown : failures).put(messages[i], ex);
			}
		}
		if (!failures.isEmpty() || !outcomeUnknown.isEmpty()) {
			throw new MailgunMailSendException(failures, outcomeUnknown);
		}
	}

	private MimeMessageRequest prepare(MimeMessage message) {
		try {
			List<String> envelope = Arrays.stream(Objects.requireNonNullElse(message.getAllRecipients(), NO_RECIPIENTS))
				.filter(InternetAddress.class::isInstance)
				.map(recipient -> ((InternetAddress) recipient).getAddress())
				.distinct()
				.toList();
			ByteArrayOutputStream mime = new ByteArrayOutputStream();
			// Bcc recipients travel in the envelope only, as an SMTP transport would do it.
			message.writeTo(mime, IGNORED_HEADERS);
			return MimeMessageRequest.builder().to(envelope).message(mime.toByteArray()).build();
		}
		catch (MessagingException | IOException ex) {
			throw new MailPreparationException("Could not prepare MIME message for Mailgun: " + ex.getMessage(), ex);
		}
		catch (MailgunValidationException ex) {
			throw new MailPreparationException(String.valueOf(ex.getMessage()), ex);
		}
	}

	private static MailgunMessage convert(SimpleMailMessage message) {
		try {
			MailgunMessage.Builder builder = MailgunMessage.builder();
			// SimpleMailMessage leaves unset properties null; the builder takes only values.
			Optional.ofNullable(message.getFrom()).ifPresent(builder::from);
			builder.to(Objects.requireNonNullElse(message.getTo(), NO_ADDRESSES));
			builder.cc(Objects.requireNonNullElse(message.getCc(), NO_ADDRESSES));
			builder.bcc(Objects.requireNonNullElse(message.getBcc(), NO_ADDRESSES));
			Optional.ofNullable(message.getReplyTo()).ifPresent((replyTo) -> builder.header("Reply-To", replyTo));
			Optional.ofNullable(message.getSentDate()).ifPresent((date) -> builder.header("Date",
					MailgunDates.format(date.toInstant().atZone(ZoneId.systemDefault()))));
			Optional.ofNullable(message.getSubject()).ifPresent(builder::subject);
			builder.text(Objects.requireNonNullElse(message.getText(), ""));
			return builder.build();
		}
		catch (MailgunValidationException ex) {
			throw new MailParseException(String.valueOf(ex.getMessage()), ex);
		}
	}

	private static void requireBlockingThread() {
		if (Schedulers.isInNonBlockingThread()) {
			throw new IllegalStateException("MailgunJavaMailSender blocks until Mailgun answers and was called on the "
					+ "non-blocking thread '" + Thread.currentThread().getName() + "'; inject MailgunOperations "
					+ "in reactive code, or move the call to Schedulers.boundedElastic()");
		}
	}

}
