package io.github.springmailgun.domain;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.internal.ApiRequest;
import io.github.springmailgun.internal.MailgunHttp;
import io.github.springmailgun.internal.MultipartBody;
import io.github.springmailgun.internal.ResponseFields;
import io.github.springmailgun.message.FormField;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;

/**
 * {@link TrackingOperations} over the client's HTTP plumbing. The updates are sent as
 * {@code multipart/form-data}, the encoding Mailgun's OpenAPI document gives for them. Created by
 * {@link io.github.springmailgun.MailgunTemplate}; thread-safe.
 */
public final class DefaultTrackingOperations implements TrackingOperations {

	private final MailgunHttp http;

	private final String domain;

	/**
	 * Creates the operations for a bound domain.
	 * @param http the plumbing
	 * @param domain the domain whose settings are read and changed
	 */
	public DefaultTrackingOperations(MailgunHttp http, String domain) {
		this.http = http;
		this.domain = domain;
	}

	@Override
	public String domain() {
		return this.domain;
	}

	@Override
	public Mono<TrackingSettings> get() {
		return Mono.defer(() -> this.http.exchange(
				ApiRequest.of(HttpMethod.GET, this.http.uri("/v3/domains/{name}/tracking", this.domain)),
				body -> ResponseFields.read(body, "tracking", TrackingSettings.class)));
	}

	@Override
	public Mono<OpenTracking> updateOpenTracking(OpenTrackingUpdate update) {
		return Mono.defer(() -> {
			if (update == null || (update.active() == null && update.placeAtTheTop() == null)) {
				throw new MailgunValidationException("active", "set active or place_at_the_top (or both)");
			}
			List<FormField> fields = new ArrayList<>(2);
			if (update.active() != null) {
				fields.add(new FormField("active", update.active().toString()));
			}
			if (update.placeAtTheTop() != null) {
				fields.add(new FormField("place_at_the_top", update.placeAtTheTop().toString()));
			}
			return put("open", fields, OpenTracking.class);
		});
	}

	@Override
	public Mono<ClickTracking> updateClickTracking(ClickTrackingMode mode) {
		return Mono.defer(() -> {
			if (mode == null) {
				throw new MailgunValidationException("active", "must be true, false or htmlonly");
			}
			return put("click", List.of(new FormField("active", mode.wireValue())), ClickTracking.class);
		});
	}

	@Override
	public Mono<UnsubscribeTracking> updateUnsubscribeTracking(UnsubscribeTrackingUpdate update) {
		return Mono.defer(() -> {
			if (update == null
					|| (update.active() == null && update.htmlFooter() == null && update.textFooter() == null)) {
				throw new MailgunValidationException("active", "set active, html_footer or text_footer");
			}
			List<FormField> fields = new ArrayList<>(3);
			if (update.active() != null) {
				fields.add(new FormField("active", update.active().toString()));
			}
			if (update.htmlFooter() != null) {
				fields.add(new FormField("html_footer", update.htmlFooter()));
			}
			if (update.textFooter() != null) {
				fields.add(new FormField("text_footer", update.textFooter()));
			}
			return put("unsubscribe", fields, UnsubscribeTracking.class);
		});
	}

	/** Sends one tracking update; Mailgun answers with the section under the same name. */
	private <T> Mono<T> put(String section, List<FormField> fields, Class<T> type) {
		URI uri = this.http.uri("/v3/domains/{name}/tracking/{section}", this.domain, section);
		// Setting the same values again changes nothing: safe to retry.
		ApiRequest request = new ApiRequest(HttpMethod.PUT, uri, MultipartBody.of(fields, List.of()), true);
		return this.http.exchange(request, body -> ResponseFields.read(body, section, type));
	}

}
