package io.github.springmailgun.boot.webhook;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.springmailgun.webhook.LegacyWebhook;
import io.github.springmailgun.webhook.MailgunLegacyWebhookEvent;
import io.github.springmailgun.webhook.MailgunWebhookEvent;
import io.github.springmailgun.webhook.WebhookPayload;
import io.github.springmailgun.webhook.WebhookPayloadParser;
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
 * Handles one Mailgun webhook request, whatever the web stack: reads the body (JSON, or a legacy
 * form-encoded one), verifies its signature, claims its token (so that of overlapping deliveries of one
 * event only one runs the listeners, with a store that supports claims), publishes a
 * {@link MailgunWebhookEvent} (or a {@link MailgunLegacyWebhookEvent}) to the listeners synchronously, and
 * only once they succeeded commits the token as processed; a listener failure releases the claim, so that
 * Mailgun's retry gets through. It returns the status to answer:
 * <ul>
 * <li>200: the listeners handled the event (also when the token could not be committed afterwards: the
 * work is done, and a WARN says so);</li>
 * <li>406: bad signature, timestamp too old, or a token already processed (Mailgun does not retry a
 * 406);</li>
 * <li>503: another delivery of the same event holds the token's claim (its listeners may still fail), or
 * the token store failed before the listeners ran (logged at WARN), or a valid signature whose timestamp
 * is further ahead than the allowed skew (the request is Mailgun's and this machine's clock is behind).
 * Mailgun retries a 503, which a 406 would lose for good;</li>
 * <li>400: the body is not a Mailgun webhook;</li>
 * <li>415: a multipart body (not supported) or a {@code Content-Type} that cannot be read;</li>
 * <li>500: a listener failed (Mailgun retries).</li>
 * </ul>
 * Bad input never produces a 500. Rejections are logged at DEBUG, except that a bad signature and a clock
 * behind Mailgun's are each logged at WARN at most once a minute, since either loses or delays every event. The signing key and
 * signatures are never logged. Thread-safe; it may block as long as the listeners do. Given
 * {@link WebhookObservations}, it counts every request by outcome and runs the listeners of each verified
 * event inside a {@code mailgun.webhook} observation.
 */
public class MailgunWebhookHandler {

	private static final Log logger = LogFactory.getLog(MailgunWebhookHandler.class);

	private final WebhookSignatureVerifier verifier;

	private final WebhookPayloadParser parser;

	private final ApplicationEventPublisher publisher;

	private final WebhookObservations observations;

	private final WarningLimiter badSignatureWarnings = new WarningLimiter();

	private final WarningLimiter futureTimestampWarnings = new WarningLimiter();

	/**
	 * Creates a handler.
	 * @param verifier checks signatures and remembers processed tokens
	 * @param parser reads request bodies
	 * @param publisher publishes the events to the listeners, synchronously
	 */
	public MailgunWebhookHandler(WebhookSignatureVerifier verifier, WebhookPayloadParser parser,
			ApplicationEventPublisher publisher) {
		this(verifier, parser, publisher, WebhookObservations.NONE);
	}

	/**
	 * Creates a handler that records its requests and events.
	 * @param verifier checks signatures and remembers processed tokens
	 * @param parser reads request bodies
	 * @param publisher publishes the events to the listeners, synchronously
	 * @param observations records the {@code mailgun.webhook} observation and metrics
	 */
	public MailgunWebhookHandler(WebhookSignatureVerifier verifier, WebhookPayloadParser parser,
			ApplicationEventPublisher publisher, WebhookObservations observations) {
		this.verifier = Objects.requireNonNull(verifier, "verifier");
		this.parser = Objects.requireNonNull(parser, "parser");
		this.publisher = Objects.requireNonNull(publisher, "publisher");
		this.observations = Objects.requireNonNull(observations, "observations");
	}

	/**
	 * Handles a request body: JSON, or form-encoded when the content type says so.
	 * @param body the body as received, bounded by the caller
	 * @param contentType the {@code Content-Type} header as received, or {@code null}
	 * @return the status to answer
	 */
	public HttpStatus handle(byte[] body, @Nullable String contentType) {
		Objects.requireNonNull(body, "body");
		MediaType mediaType;
		try {
			mediaType = (contentType != null) ? MediaType.parseMediaType(contentType) : null;
		}
		catch (InvalidMediaTypeException ex) {
			return unsupported(contentType);
		}
		if (mediaType != null && MediaType.APPLICATION_FORM_URLENCODED.includes(mediaType)) {
			return handleLegacy(() -> this.parser.parseLegacyForm(new String(body, StandardCharsets.UTF_8)));
		}
		// Mailgun sends JSON; a client that omits the type or says text/plain is judged by its body.
		if (mediaType != null && "multipart".equals(mediaType.getType())) {
			return unsupported(contentType);
		}
		WebhookPayload payload;
		try {
			payload = this.parser.parse(body);
		}
		catch (RuntimeException ex) {
			return rejectMalformed(ex);
		}
		return process(payload.signature(), (verification) -> new MailgunWebhookEvent(payload, verification));
	}

	/**
	 * Handles a legacy webhook whose form fields the web stack already decoded, for a request whose body
	 * was consumed before it reached the endpoint.
	 * @param fields the form fields with their values
	 * @return the status to answer
	 */
	public HttpStatus handleForm(Map<String, ? extends List<String>> fields) {
		Objects.requireNonNull(fields, "fields");
		return handleLegacy(() -> this.parser.parseLegacyForm(fields));
	}

	/**
	 * Returns whether a content type is the one of legacy form-encoded webhooks, for web stacks that decode
	 * such bodies before the endpoint sees them.
	 * @param contentType the {@code Content-Type} header, or {@code null}
	 * @return {@code true} for {@code application/x-www-form-urlencoded}
	 */
	public static boolean isForm(@Nullable String contentType) {
		try {
			return contentType != null
					&& MediaType.APPLICATION_FORM_URLENCODED.includes(MediaType.parseMediaType(contentType));
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	private HttpStatus handleLegacy(Supplier<LegacyWebhook> parse) {
		LegacyWebhook webhook;
		try {
			webhook = parse.get();
		}
		catch (RuntimeException ex) {
			return rejectMalformed(ex);
		}
		return process(webhook.signature(), (verification) -> new MailgunLegacyWebhookEvent(webhook, verification));
	}

	private HttpStatus process(WebhookSignature signature, Function<WebhookVerification, Object> eventFactory) {
		WebhookVerification verification;
		WebhookTokenStore.Claim claim;
		try {
			// The claim reads the store once and reports a replay as PROCESSED: verify() would read it first.
			verification = this.verifier.verifySignature(signature);
			claim = this.verifier.claim(verification);
		}
		catch (WebhookVerificationException ex) {
			return reject(ex);
		}
		catch (RuntimeException ex) {
			// The token store failed (a shared cache that is down): not the sender's fault, so let it retry.
			logger.warn("Could not claim Mailgun webhook with token " + signature.token()
					+ "; answering 503 so that Mailgun retries", ex);
			this.observations.count("store_failure");
			return HttpStatus.SERVICE_UNAVAILABLE;
		}
		if (claim == WebhookTokenStore.Claim.PROCESSED) {
			return reject(new WebhookVerificationException(Reason.REPLAYED_TOKEN,
					"Mailgun webhook token was already processed (a replay or a duplicate delivery)"));
		}
		if (claim == WebhookTokenStore.Claim.IN_PROGRESS) {
			// The other delivery's listeners may still fail: a 406 would lose the event, a 503 is retried.
			logger.debug("Another delivery of Mailgun webhook token " + verification.token()
					+ " is being processed; answered 503 so that Mailgun retries");
			this.observations.count("in_progress");
			return HttpStatus.SERVICE_UNAVAILABLE;
		}
		Object event = eventFactory.apply(verification);
		try {
			this.observations.observe(event, () -> this.publisher.publishEvent(event));
		}
		catch (RuntimeException ex) {
			// The event's type, id and token identify it without putting recipients in WARN logs.
			logger.warn("A listener failed on Mailgun webhook " + describe(event) + "; answering 500 so that Mailgun "
					+ "retries with the same token, which stays unprocessed", ex);
			release(verification);
			return HttpStatus.INTERNAL_SERVER_ERROR;
		}
		try {
			if (!this.verifier.commit(verification)) {
				logger.debug("Another delivery of Mailgun webhook token " + verification.token()
						+ " finished first; its listeners ran twice");
			}
		}
		catch (RuntimeException ex) {
			// The listeners succeeded: a 5xx would make Mailgun deliver the event again for certain, while
			// an uncommitted token only lets a retry or replay through once the claim's lease ended.
			logger.warn("Handled Mailgun webhook with token " + verification.token()
					+ " but could not mark it as processed; a replay of it would be accepted", ex);
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Published " + event);
		}
		return HttpStatus.OK;
	}

	private void release(WebhookVerification verification) {
		try {
			this.verifier.release(verification);
		}
		catch (RuntimeException ex) {
			logger.warn("Mailgun webhook with token " + verification.token() + " could not release its claim; "
					+ "Mailgun's retry is answered 503 until the claim's lease ends", ex);
		}
	}

	private static String describe(Object event) {
		if (event instanceof MailgunWebhookEvent webhook) {
			return "event " + webhook.event().event() + " (id " + webhook.event().id() + ", token "
					+ webhook.verification().token() + ")";
		}
		MailgunLegacyWebhookEvent legacy = (MailgunLegacyWebhookEvent) event;
		return "legacy event " + legacy.webhook().event() + " (token " + legacy.verification().token() + ")";
	}

	private HttpStatus rejectMalformed(RuntimeException ex) {
		if (ex instanceof WebhookVerificationException verificationException) {
			return reject(verificationException);
		}
		// The parser is a function of the body alone: whatever it throws, the body is to blame.
		return reject(new WebhookVerificationException(Reason.MALFORMED,
				"Mailgun webhook body could not be read (" + ex.getClass().getSimpleName() + ")", ex));
	}

	private HttpStatus reject(WebhookVerificationException ex) {
		this.observations.rejected(ex.getReason());
		if (ex.getReason() == Reason.FUTURE_TIMESTAMP) {
			if (this.futureTimestampWarnings.shouldWarn()) {
				logger.warn(ex.getMessage() + ". The signature is valid, so this machine's clock is behind "
						+ "Mailgun's: answered 503 so that Mailgun retries. Synchronise the clock (NTP) or raise "
						+ "mailgun.webhooks.max-future-skew. Further such webhooks are logged at DEBUG for a minute.");
			}
			else if (logger.isDebugEnabled()) {
				logger.debug("Answered 503 to Mailgun webhook from the future: " + ex.getMessage());
			}
			return HttpStatus.SERVICE_UNAVAILABLE;
		}
		HttpStatus status = (ex.getReason() == Reason.MALFORMED) ? HttpStatus.BAD_REQUEST : HttpStatus.NOT_ACCEPTABLE;
		if (ex.getReason() == Reason.BAD_SIGNATURE && this.badSignatureWarnings.shouldWarn()) {
			logger.warn(ex.getMessage() + "; answered 406, which Mailgun does not retry. Check that "
					+ "mailgun.webhooks.signing-key is the HTTP webhook signing key of the Mailgun account "
					+ "(API Security), not the API key. Further bad signatures are logged at DEBUG for a minute.");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Rejected Mailgun webhook with " + status.value() + " (" + ex.getReason() + "): "
					+ ex.getMessage());
		}
		return status;
	}

	private HttpStatus unsupported(@Nullable String contentType) {
		this.observations.count("unsupported_media_type");
		if (logger.isDebugEnabled()) {
			logger.debug("Rejected Mailgun webhook with 415: content type " + contentType
					+ " is not supported; send JSON or application/x-www-form-urlencoded");
		}
		return HttpStatus.UNSUPPORTED_MEDIA_TYPE;
	}

	/**
	 * Returns a short description.
	 * @return the description
	 */
	@Override
	public String toString() {
		return "MailgunWebhookHandler[verifier=" + this.verifier + "]";
	}

}
