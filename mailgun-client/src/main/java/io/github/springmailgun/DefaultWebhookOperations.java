package io.github.springmailgun;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.internal.ApiRequest;
import io.github.springmailgun.internal.Bodies;
import io.github.springmailgun.internal.BytesBody;
import io.github.springmailgun.internal.MailgunHttp;
import io.github.springmailgun.internal.Parameters;
import io.github.springmailgun.internal.ResponseFields;
import io.github.springmailgun.webhook.DomainWebhook;
import io.github.springmailgun.webhook.DomainWebhookType;
import io.github.springmailgun.webhook.DomainWebhooks;
import io.github.springmailgun.webhook.HttpSigningKey;
import io.github.springmailgun.webhook.WebhookOperations;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpMethod;

/**
 * {@link WebhookOperations} over the client's HTTP plumbing. The v3 forms are sent as
 * {@code multipart/form-data} and the v4 forms as {@code application/x-www-form-urlencoded}, as
 * Mailgun's OpenAPI document gives them. Created by {@link MailgunTemplate}; thread-safe.
 */
final class DefaultWebhookOperations extends AbstractAreaOperations implements WebhookOperations {

	/** Mailgun keeps at most this many URLs per event. */
	private static final int MAX_URLS = 3;

	private static final String V3_WEBHOOKS = "/v3/domains/{domain}/webhooks";

	private static final String V4_WEBHOOKS = "/v4/domains/{domain}/webhooks";

	private static final String SIGNING_KEY = "/v5/accounts/http_signing_key";

	DefaultWebhookOperations(MailgunHttp http, String domain) {
		super(http, domain);
	}

	@Override
	public Mono<DomainWebhooks> list() {
		return get(this.http.uri(V3_WEBHOOKS, this.domain), DefaultWebhookOperations::readWebhooks);
	}

	@Override
	public Mono<DomainWebhook> get(DomainWebhookType type) {
		return webhook(type, (name) -> ApiRequest.of(HttpMethod.GET, webhookUri(name)));
	}

	@Override
	public Mono<DomainWebhook> create(DomainWebhookType type, List<String> urls) {
		return webhook(type, (name) -> new ApiRequest(HttpMethod.POST, this.http.uri(V3_WEBHOOKS, this.domain),
				multipart(new Parameters().add("id", name).addAll("url", requireUrls(urls))), false));
	}

	@Override
	public Mono<DomainWebhook> update(DomainWebhookType type, List<String> urls) {
		// Replacing the URLs with the same list again changes nothing: safe to retry.
		return webhook(type, (name) -> new ApiRequest(HttpMethod.PUT, webhookUri(name),
				multipart(new Parameters().addAll("url", requireUrls(urls))), true));
	}

	@Override
	public Mono<DomainWebhook> delete(DomainWebhookType type) {
		return webhook(type, (name) -> ApiRequest.of(HttpMethod.DELETE, webhookUri(name)));
	}

	@Override
	public Mono<DomainWebhooks> createForEvents(String url, Collection<DomainWebhookType> eventTypes) {
		return Mono.defer(() -> exchange(HttpMethod.POST, this.http.uri(V4_WEBHOOKS, this.domain),
				eventsForm(url, eventTypes), false, DefaultWebhookOperations::readWebhooks));
	}

	@Override
	public Mono<DomainWebhooks> updateForEvents(String url, Collection<DomainWebhookType> eventTypes) {
		return Mono.defer(() -> exchange(HttpMethod.PUT, this.http.uri(V4_WEBHOOKS, this.domain),
				eventsForm(url, eventTypes), true, DefaultWebhookOperations::readWebhooks));
	}

	@Override
	public Mono<DomainWebhooks> deleteUrls(Collection<String> urls) {
		return Mono.defer(() -> {
			if (urls == null || urls.isEmpty()) {
				throw new MailgunValidationException("url", "name at least one URL");
			}
			String joined = urls.stream().map((url) -> {
				String value = requireUrl(url);
				// Mailgun splits the parameter at commas: a URL with one would be cut in two.
				if (value.contains(",")) {
					throw new MailgunValidationException("url", "must not contain a comma, was '" + value + "'");
				}
				return value;
			}).collect(Collectors.joining(","));
			return exchange(HttpMethod.DELETE, new Parameters().add("url", joined)
				.toUri(this.http, V4_WEBHOOKS, this.domain), null, true, DefaultWebhookOperations::readWebhooks);
		});
	}

	@Override
	public Mono<HttpSigningKey> signingKey() {
		return get(this.http.uri(SIGNING_KEY), DefaultWebhookOperations::readSigningKey);
	}

	@Override
	public Mono<HttpSigningKey> rotateSigningKey() {
		return exchange(HttpMethod.POST, this.http.uri(SIGNING_KEY), null, false,
				DefaultWebhookOperations::readSigningKey);
	}

	/** Calls the v3 API for one webhook, after checking its type; the request is built once it is valid. */
	private Mono<DomainWebhook> webhook(DomainWebhookType type, Function<String, ApiRequest> request) {
		return Mono.defer(() -> {
			String name = requireNonNull("webhook_name", type).wireValue();
			return this.http.exchange(request.apply(name), (body) -> readWebhook(name, body));
		});
	}

	private URI webhookUri(String name) {
		return this.http.uri(V3_WEBHOOKS + "/{name}", this.domain, name);
	}

	private static List<String> requireUrls(List<String> urls) {
		if (urls == null || urls.isEmpty() || urls.size() > MAX_URLS) {
			throw new MailgunValidationException("url", "give one to " + MAX_URLS + " URLs, was "
					+ ((urls != null) ? urls.size() : 0));
		}
		return urls.stream().map(DefaultWebhookOperations::requireUrl).toList();
	}

	private static String requireUrl(String url) {
		if (url == null || url.isBlank()) {
			throw new MailgunValidationException("url", "must not be blank");
		}
		String value = url.trim();
		try {
			URI uri = new URI(value);
			if (uri.getHost() == null
					|| !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
				throw new MailgunValidationException("url", "must be an absolute http(s) URL, was '" + value + "'");
			}
		}
		catch (URISyntaxException ex) {
			throw new MailgunValidationException("url", "is not a valid URL: '" + value + "'");
		}
		return value;
	}

	private static BytesBody eventsForm(String url, Collection<DomainWebhookType> eventTypes) {
		String checkedUrl = requireUrl(url);
		if (eventTypes == null || eventTypes.isEmpty()) {
			throw new MailgunValidationException("event_types", "name at least one event");
		}
		// A repeated event would be sent twice; Mailgun's form takes each once. (Checked element by
		// element: contains(null) throws on the JDK's immutable collections.)
		List<String> events = eventTypes.stream().map((type) -> {
			if (type == null) {
				throw new MailgunValidationException("event_types", "must not contain null");
			}
			return type.wireValue();
		}).distinct().toList();
		return Bodies.form(new Parameters().add("url", checkedUrl).addAll("event_types", events).toForm());
	}

	private static DomainWebhook readWebhook(String name, byte[] body) {
		return new DomainWebhook(name, urls(member(body, "webhook")));
	}

	private static DomainWebhooks readWebhooks(byte[] body) {
		Map<String, List<String>> urlsByName = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : member(body, "webhooks").properties()) {
			List<String> urls = urls(entry.getValue());
			if (!urls.isEmpty()) {
				urlsByName.put(entry.getKey(), urls);
			}
		}
		return new DomainWebhooks(urlsByName);
	}

	private static JsonNode member(byte[] body, String name) {
		JsonNode member = ResponseFields.object(body).path(name);
		if (!member.isObject()) {
			throw new IllegalArgumentException("no '" + name + "' in the response");
		}
		return member;
	}

	private static List<String> urls(JsonNode webhook) {
		List<String> urls = webhook.path("urls")
			.valueStream()
			.filter((url) -> url.isString() && !url.asString().isBlank())
			.map(JsonNode::asString)
			.toList();
		// Old responses carried a single "url" instead of a list.
		return (urls.isEmpty() && webhook.path("url").isString()) ? List.of(webhook.path("url").asString()) : urls;
	}

	private static HttpSigningKey readSigningKey(byte[] body) {
		// Parse failures must not reach the plumbing, which quotes a body it cannot read in its
		// exception: this body holds a secret. Nor may the cause, whose message may quote tokens.
		try {
			JsonNode root = ResponseFields.object(body);
			String key = ResponseFields.text(root, "http_signing_key");
			if (key != null && !key.isBlank()) {
				return new HttpSigningKey(key, ResponseFields.text(root, "message"));
			}
		}
		catch (JacksonException | IllegalArgumentException ex) {
			// Reported below without the body.
		}
		// The plumbing reports this as an unreadable success, with this text in place of the body.
		throw new IllegalStateException("no 'http_signing_key' in it (the body is not shown: it may hold the key)");
	}

}
