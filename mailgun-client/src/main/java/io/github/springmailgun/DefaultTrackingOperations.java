package io.github.springmailgun;

import java.net.URI;

import io.github.springmailgun.domain.ClickTracking;
import io.github.springmailgun.domain.ClickTrackingMode;
import io.github.springmailgun.domain.DomainDetails;
import io.github.springmailgun.domain.OpenTracking;
import io.github.springmailgun.domain.OpenTrackingUpdate;
import io.github.springmailgun.domain.TrackingOperations;
import io.github.springmailgun.domain.TrackingSettings;
import io.github.springmailgun.domain.UnsubscribeTracking;
import io.github.springmailgun.domain.UnsubscribeTrackingUpdate;
import io.github.springmailgun.domain.WebScheme;
import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.internal.MailgunHttp;
import io.github.springmailgun.internal.Parameters;
import io.github.springmailgun.internal.ResponseFields;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;

/**
 * {@link TrackingOperations} over the client's HTTP plumbing; the web scheme is a setting of the v4
 * domain. The updates are sent as
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
		return Mono.defer(() -> put("open",
				new Parameters().add("active", requireNonNull("update", update).active())
					.add("place_at_the_top", update.placeAtTheTop()),
				"set active or place_at_the_top (or both)", OpenTracking.class));
	}

	@Override
	public Mono<ClickTracking> updateClickTracking(ClickTrackingMode mode) {
		return Mono.defer(() -> put("click", new Parameters().add("active", (mode != null) ? mode.wireValue() : null),
				"must be true, false or htmlonly", ClickTracking.class));
	}

	@Override
	public Mono<UnsubscribeTracking> updateUnsubscribeTracking(UnsubscribeTrackingUpdate update) {
		return Mono.defer(() -> put("unsubscribe",
				new Parameters().add("active", requireNonNull("update", update).active())
					.add("html_footer", update.htmlFooter())
					.add("text_footer", update.textFooter()),
				"set active, html_footer or text_footer", UnsubscribeTracking.class));
	}

	@Override
	public Mono<DomainDetails> updateWebScheme(WebScheme scheme) {
		return Mono.defer(() -> {
			Parameters form = new Parameters().add("web_scheme", requireNonNull("web_scheme", scheme).wireValue());
			// Setting the same scheme again changes nothing: safe to retry.
			return exchange(HttpMethod.PUT, this.http.uri("/v4/domains/{name}", this.domain), multipart(form), true,
					DefaultDomainOperations::readDetails);
		});
	}

	/**
	 * Sends one tracking update, refusing one that would change nothing; Mailgun answers with the section
	 * under the same name.
	 */
	private <T> Mono<T> put(String section, Parameters form, String requirement, Class<T> type) {
		if (form.toForm().isEmpty()) {
			throw new MailgunValidationException("active", requirement);
		}
		URI uri = this.http.uri("/v3/domains/{name}/tracking/{section}", this.domain, section);
		// Setting the same values again changes nothing: safe to retry.
		return exchange(HttpMethod.PUT, uri, multipart(form), true, body -> ResponseFields.read(body, section, type));
	}

}
