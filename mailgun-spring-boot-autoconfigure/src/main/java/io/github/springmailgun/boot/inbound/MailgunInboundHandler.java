package io.github.springmailgun.boot.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Semaphore;

import io.github.springmailgun.boot.inbound.InboundRequestReader.Form;
import io.github.springmailgun.boot.inbound.InboundRequestReader.LimitExceededException;
import io.github.springmailgun.boot.inbound.InboundRequestReader.MalformedRequestException;
import io.github.springmailgun.boot.webhook.WarningLimiter;
import io.github.springmailgun.inbound.MailgunInboundMessage;
import io.github.springmailgun.webhook.WebhookSignature;
import io.github.springmailgun.webhook.WebhookSignatureVerifier;
import io.github.springmailgun.webhook.WebhookTokenStore;
import io.github.springmailgun.webhook.WebhookVerification;
import io.github.springmailgun.webhook.WebhookVerificationException;
import io.github.springmailgun.webhook.WebhookVerificationException.Reason;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Handles one inbound post of a Mailgun route, whatever the web stack: reads it within its
 * {@link InboundLimits} into text fields and temporary files, verifies its signature once the whole body
 * is read (Mailgun may put the signature fields after the attachments), publishes a
 * {@link MailgunInboundMessage} to the listeners synchronously under a claim of its token (the webhook
 * endpoint's contract: an overlapping delivery waits, a failed listener releases the claim, success commits it), and deletes the files unless a listener {@linkplain MailgunInboundMessage#retain() retained}
 * the message. It returns the status to answer:
 * <ul>
 * <li>200: the listeners handled the message;</li>
 * <li>406: missing or bad signature, timestamp too old, or a token already processed (Mailgun does not
 * retry a 406);</li>
 * <li>413: the request passes a limit, logged at WARN with the property that sets it (Mailgun retries a
 * 413 for hours: raise the limit or the message is lost once Mailgun gives up);</li>
 * <li>503: more requests in flight than {@code mailgun.inbound.max-in-flight}, a valid signature ahead
 * of this machine's clock, another delivery of the same post holding the claim, or the token store failing
 * before the listeners (Mailgun retries);</li>
 * <li>400: the body is not an inbound post; 415: neither {@code multipart/form-data} nor
 * {@code application/x-www-form-urlencoded};</li>
 * <li>500: a listener failed; its claim is released (Mailgun retries).</li>
 * </ul>
 * Temporary files are deleted on every path that does not hand them to a listener. Thread-safe; it blocks
 * while it reads the body and as long as the listeners run.
 */
public class MailgunInboundHandler {

	private static final Log logger = LogFactory.getLog(MailgunInboundHandler.class);

	private final WebhookSignatureVerifier verifier;

	private final ApplicationEventPublisher publisher;

	private final InboundLimits limits;

	private final InboundRequestReader reader;

	private final Semaphore inFlight;

	private final WarningLimiter badSignatureWarnings = new WarningLimiter();

	private final WarningLimiter futureTimestampWarnings = new WarningLimiter();

	/**
	 * Creates a handler.
	 * @param verifier checks signatures and remembers processed tokens
	 * @param publisher publishes the messages to the listeners, synchronously
	 * @param limits the limits requests are read within
	 */
	public MailgunInboundHandler(WebhookSignatureVerifier verifier, ApplicationEventPublisher publisher,
			InboundLimits limits) {
		this.verifier = Objects.requireNonNull(verifier, "verifier");
		this.publisher = Objects.requireNonNull(publisher, "publisher");
		this.limits = Objects.requireNonNull(limits, "limits");
		this.reader = new InboundRequestReader(limits);
		this.inFlight = new Semaphore(limits.maxInFlight());
	}

	/**
	 * Returns whether a declared length passes {@code max-request-size}, for an endpoint to answer 413
	 * before it reads anything.
	 * @param contentLength the {@code Content-Length}, or a negative number when none was declared
	 * @return {@code true} when the request is too large
	 */
	public boolean isTooLarge(long contentLength) {
		if (contentLength > this.limits.maxRequestSize()) {
			logger.warn("Rejected Mailgun inbound post with 413: its Content-Length " + contentLength + " is over "
					+ "mailgun.inbound.max-request-size (" + this.limits.maxRequestSize() + " bytes); Mailgun retries it");
			return true;
		}
		return false;
	}

	/**
	 * Handles a request body, blocking while it reads it.
	 * @param body the body, not yet read
	 * @param contentType the {@code Content-Type} header as received, or {@code null}
	 * @param contentLength the {@code Content-Length}, or a negative number when none was declared
	 * @return the status to answer
	 */
	public HttpStatus handle(InputStream body, @Nullable String contentType, long contentLength) {
		Objects.requireNonNull(body, "body");
		if (isTooLarge(contentLength)) {
			return HttpStatus.CONTENT_TOO_LARGE;
		}
		MediaType type = formType(contentType);
		if (type == null) {
			logger.debug("Rejected Mailgun inbound post with 415: content type " + contentType + " is not a form");
			return HttpStatus.UNSUPPORTED_MEDIA_TYPE;
		}
		if (!this.inFlight.tryAcquire()) {
			logger.warn("Answered 503 to a Mailgun inbound post: " + this.limits.maxInFlight()
					+ " requests are in flight (mailgun.inbound.max-in-flight); Mailgun retries it");
			return HttpStatus.SERVICE_UNAVAILABLE;
		}
		try {
			Form form;
			try {
				form = this.reader.read(body, type);
			}
			catch (LimitExceededException ex) {
				logger.warn("Rejected Mailgun inbound post with 413: " + ex.getMessage() + " (" + ex.property()
						+ "); Mailgun retries it for hours, raise the limit to receive it");
				return HttpStatus.CONTENT_TOO_LARGE;
			}
			catch (MalformedRequestException ex) {
				logger.debug("Rejected Mailgun inbound post with 400: " + ex.getMessage());
				return HttpStatus.BAD_REQUEST;
			}
			catch (IOException | UncheckedIOException ex) {
				logger.debug("Mailgun inbound post could not be read (client gone?): " + ex);
				return HttpStatus.BAD_REQUEST;
			}
			return handleForm(form);
		}
		finally {
			this.inFlight.release();
		}
	}

	/**
	 * Handles a form-encoded post whose fields the web stack already decoded, for a request whose body was
	 * consumed before it reached the endpoint.
	 * @param fields the form fields with their values
	 * @return the status to answer
	 */
	public HttpStatus handleDecodedForm(Map<String, ? extends List<String>> fields) {
		Form form = new Form();
		fields.forEach((name, values) -> form.fields.put(name, List.copyOf(values)));
		return handleForm(form);
	}

	private HttpStatus handleForm(Form form) {
		WebhookSignature signature = signature(form);
		if (signature == null) {
			form.deleteFiles();
			logger.debug("Rejected Mailgun inbound post with 406: no timestamp, token and signature fields");
			return HttpStatus.NOT_ACCEPTABLE;
		}
		return deliver(signature, form);
	}

	/**
	 * Verifies, claims the token (so that an overlapping delivery of the same post waits), publishes, then
	 * commits the token, or releases it when a listener failed so that Mailgun's retry gets through: the
	 * webhook endpoint's contract.
	 */
	private HttpStatus deliver(WebhookSignature signature, Form form) {
		WebhookVerification verification;
		WebhookTokenStore.Claim claim;
		try {
			// The claim reads the store once and reports a replay as PROCESSED: verify() would read it first.
			verification = this.verifier.verifySignature(signature);
			claim = this.verifier.claim(verification);
		}
		catch (WebhookVerificationException ex) {
			form.deleteFiles();
			return reject(ex);
		}
		catch (RuntimeException ex) {
			form.deleteFiles();
			logger.warn("Could not claim Mailgun inbound post with token " + signature.token()
					+ "; answering 503 so that Mailgun retries", ex);
			return HttpStatus.SERVICE_UNAVAILABLE;
		}
		if (claim != WebhookTokenStore.Claim.CLAIMED) {
			form.deleteFiles();
			if (claim == WebhookTokenStore.Claim.PROCESSED) {
				return reject(new WebhookVerificationException(Reason.REPLAYED_TOKEN,
						"Mailgun inbound post token was already processed (a replay or a duplicate delivery)"));
			}
			// The other delivery's listeners may still fail: a 406 would lose the mail, a 503 is retried.
			logger.debug("Another delivery of Mailgun inbound token " + verification.token()
					+ " is being processed; answered 503 so that Mailgun retries");
			return HttpStatus.SERVICE_UNAVAILABLE;
		}
		MailgunInboundMessage message = message(form, verification);
		if (message == null) {
			release(verification);
			return HttpStatus.BAD_REQUEST;
		}
		try {
			this.publisher.publishEvent(message);
		}
		catch (RuntimeException ex) {
			logger.warn("A listener failed on " + message + "; answering 500 so that Mailgun retries with the "
					+ "same token, which stays unprocessed", ex);
			release(verification);
			return HttpStatus.INTERNAL_SERVER_ERROR;
		}
		finally {
			closeUnlessRetained(message);
		}
		try {
			this.verifier.commit(verification);
		}
		catch (RuntimeException ex) {
			// The listeners succeeded: a 5xx would make Mailgun post the mail again for certain.
			logger.warn("Handled " + message + " but could not mark its token as processed; a replay of it "
					+ "would be accepted once the claim's lease ended", ex);
		}
		return HttpStatus.OK;
	}

	private void release(WebhookVerification verification) {
		try {
			this.verifier.release(verification);
		}
		catch (RuntimeException ex) {
			logger.warn("Mailgun inbound post with token " + verification.token() + " could not release its claim; "
					+ "Mailgun's retry is answered 503 until the claim's lease ends", ex);
		}
	}

	private static @Nullable MailgunInboundMessage message(Form form, WebhookVerification verification) {
		try {
			return new MailgunInboundMessage(form.fields, form.attachments, form.mime, verification);
		}
		catch (IllegalArgumentException ex) {
			form.deleteFiles();
			logger.debug("Rejected Mailgun inbound post with 400: " + ex.getMessage());
			return null;
		}
	}

	private static void closeUnlessRetained(MailgunInboundMessage message) {
		if (!message.isRetained()) {
			try {
				message.close();
			}
			catch (UncheckedIOException ex) {
				logger.warn("Could not delete a temporary file of " + message, ex);
			}
		}
	}

	private static @Nullable WebhookSignature signature(Form form) {
		String timestamp = first(form, "timestamp");
		String token = first(form, "token");
		String signature = first(form, "signature");
		if (timestamp == null || token == null || signature == null) {
			return null;
		}
		return new WebhookSignature(timestamp, token, signature);
	}

	private static @Nullable String first(Form form, String name) {
		List<String> values = form.fields.get(name);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	private HttpStatus reject(WebhookVerificationException ex) {
		if (ex.getReason() == Reason.FUTURE_TIMESTAMP) {
			// Every retry of every post repeats it until the clock is fixed, as with webhooks.
			if (this.futureTimestampWarnings.shouldWarn()) {
				logger.warn(ex.getMessage() + ". The signature is valid, so this machine's clock is behind Mailgun's: "
						+ "answered 503 so that Mailgun retries the inbound post. Further such posts are logged at DEBUG "
						+ "for a minute.");
			}
			else {
				logger.debug("Answered 503 to Mailgun inbound post from the future: " + ex.getMessage());
			}
			return HttpStatus.SERVICE_UNAVAILABLE;
		}
		if (ex.getReason() == Reason.BAD_SIGNATURE && this.badSignatureWarnings.shouldWarn()) {
			logger.warn(ex.getMessage() + "; answered 406 to a Mailgun inbound post, which Mailgun does not retry. "
					+ "Check that mailgun.inbound.signing-key (or mailgun.webhooks.signing-key) is the HTTP webhook "
					+ "signing key of the Mailgun account. Further bad signatures are logged at DEBUG for a minute.");
		}
		else {
			logger.debug("Rejected Mailgun inbound post with 406 (" + ex.getReason() + "): " + ex.getMessage());
		}
		return HttpStatus.NOT_ACCEPTABLE;
	}

	private static @Nullable MediaType formType(@Nullable String contentType) {
		try {
			MediaType type = (contentType != null) ? MediaType.parseMediaType(contentType) : null;
			return (type != null && (MediaType.MULTIPART_FORM_DATA.includes(type)
					|| MediaType.APPLICATION_FORM_URLENCODED.includes(type))) ? type : null;
		}
		catch (InvalidMediaTypeException ex) {
			return null;
		}
	}

	/**
	 * Returns whether a content type is form-encoded, for web stacks that decode such bodies before the
	 * endpoint sees them.
	 * @param contentType the {@code Content-Type} header, or {@code null}
	 * @return {@code true} for {@code application/x-www-form-urlencoded}
	 */
	public static boolean isUrlEncoded(@Nullable String contentType) {
		MediaType type = formType(contentType);
		return type != null && MediaType.APPLICATION_FORM_URLENCODED.includes(type);
	}

	/**
	 * Returns a short description.
	 * @return the description
	 */
	@Override
	public String toString() {
		return "MailgunInboundHandler[verifier=" + this.verifier + ", limits=" + this.limits + "]";
	}

}
