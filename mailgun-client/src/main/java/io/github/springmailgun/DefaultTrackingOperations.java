package io.github.springmailgun;

import java.net.URI;

import io.github.springmailgun.domain.ClickTracking;
import io.github.springmailgun.domain.ClickTrackingMode;
import io.github.springmailgun.domain.OpenTracking;
import io.github.springmailgun.domain.OpenTrackingUpdate;
import io.github.springmailgun.domain.TrackingOperations;
import io.github.springmailgun.domain.TrackingSettings;
import io.github.springmailgun.domain.UnsubscribeTracking;
import io.github.springmailgun.domain.UnsubscribeTrackingUpdate;
import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.internal.MailgunHttp;
import io.github.springmailgun.internal.Parameters;
import io.github.springmailgun.internal.ResponseFields;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;

/**
 * {@link TrackingOperations} over the client's HTTP plumbing. The updates are sent as
 * {@code multipart/form-data}, the encoding Mailgun's OpenAPI document gives for them. Created by
 * {@link MailgunTemplate}; thread-safe.
 */
final class DefaultTrackingOperations extends AbstractAreaOperations implements TrackingOperations {

	DefaultTrackingOperations(MailgunHttp http, String domain) {
		super(http, domain);
	}

	@Override
	public Mono<TrackingSettings> get() {
		return get(this.http.uri("/v3/domains/{name}/tracking", this.domain),
				body -> ResponseFields.read(body, "tracking", TrackingSettings.class));
	}

	@Override
	public Mono<OpenTracking> updateOpenTracking(OpenTrackingUpdate update) {
		return Mono.defer(() -> {
			if (update == null || (update.active() == null && update.placeAtTheTop() == null)) {
				throw new MailgunValidationException("active", "set active or place_at_the_top (or both)");
			}
			return put("open", new Parameters().add("active", update.active())
				.add("place_at_the_top", update.placeAtTheTop()), OpenTracking.class);
		});
	}

	@Override
	public Mono<ClickTracking> updateClickTracking(ClickTrackingMode mode) {
		return Mono.defer(() -> {
			if (mode == null) {
				throw new MailgunValidationException("active", "must be true, false or htmlonly");
			}
			return put("click", new Parameters().add("active", mode.wireValue()), ClickTracking.class);
		});
	}

	@Override
	public Mono<UnsubscribeTracking> updateUnsubscribeTracking(UnsubscribeTrackingUpdate update) {
		return Mono.defer(() -> {
			if (update == null
					|| (update.active() == null && update.htmlFooter() == null && update.textFooter() == null)) {
				throw new MailgunValidationException("active", "set active, html_footer or text_footer");
			}
			return put("unsubscribe", new Parameters().add("active", update.active())
				.add("html_footer", update.htmlFooter())
				.add("text_footer", update.textFooter()), UnsubscribeTracking.class);
		});
	}

	/** Sends one tracking update; Mailgun answers with the section under the same name. */
	private <T> Mono<T> put(String section, Parameters form, Class<T> type) {
		URI uri = this.http.uri("/v3/domains/{name}/tracking/{section}", this.domain, section);
		// Setting the same values again changes nothing: safe to retry.
		return exchange(HttpMethod.PUT, uri, multipart(form), true, body -> ResponseFields.read(body, section, type));
	}

}
