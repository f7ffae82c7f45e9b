package io.github.springmailgun.test;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The endpoints of domain webhooks (v3: one webhook name with up to three URLs; v4: one URL for several
 * names), of the account's HTTP webhook signing key, and the control endpoint that lists the posts made.
 * Errors are written as Mailgun's document gives them: 400 {@code {"Reason": ...}}, 404
 * {@code {"message": "Webhook not found"}} (v4: {@code {"Description": ...}}).
 */
final class WebhookEndpoints {

	/** Mailgun keeps at most this many URLs per webhook name. */
	private static final int MAX_URLS = 3;

	private static final String NOT_FOUND = "Webhook not found";

	private final MockWebhooks webhooks;

	WebhookEndpoints(MockWebhooks webhooks) {
		this.webhooks = webhooks;
	}

	void register(MockRoutes routes) {
		routes.api("GET", "/v3/domains/{domain}/webhooks", reasons(this::list))
			.api("POST", "/v3/domains/{domain}/webhooks", reasons(this::create))
			.api("GET", "/v3/domains/{domain}/webhooks/{name}", reasons(this::get))
			.api("PUT", "/v3/domains/{domain}/webhooks/{name}", reasons(this::update))
			.api("DELETE", "/v3/domains/{domain}/webhooks/{name}", reasons(this::delete))
			.api("POST", "/v4/domains/{domain}/webhooks", reasons(this::createForEvents))
			.api("PUT", "/v4/domains/{domain}/webhooks", reasons(this::updateForEvents))
			.api("DELETE", "/v4/domains/{domain}/webhooks", reasons(this::deleteUrls))
			.api("GET", "/v5/accounts/http_signing_key", call -> signingKey(null))
			.api("POST", "/v5/accounts/http_signing_key", call -> {
				this.webhooks.rotateSigningKey();
				return signingKey("regenerated HTTP signing key for account");
			})
			.control("GET", "/mock/webhooks/deliveries", call -> MockAnswer.ok(deliveries(), "webhook deliveries"));
	}

	private MockAnswer list(MockCall call) {
		return MockAnswer.ok(all(call), "webhooks");
	}

	private MockAnswer get(MockCall call) {
		String name = call.variable("name");
		List<String> urls = this.webhooks.withRegistrations(call.domain().name(), registered -> registered.get(name));
		return (urls == null) ? MockAnswer.json(404, NOT_FOUND) : webhook(null, urls, "webhook " + name);
	}

	private MockAnswer create(MockCall call) {
		String name = call.form().firstNonEmpty("id");
		if (name == null) {
			return reason("id is a required parameter");
		}
		if (!MockWebhooks.NAMES.contains(name)) {
			return reason("invalid webhook id '" + name + "': it must be one of " + String.join(", ", MockWebhooks.NAMES));
		}
		List<String> urls = urls(call.form().all("url"), "");
		return this.webhooks.withRegistrations(call.domain().name(), registered -> {
			if (registered.containsKey(name)) {
				return reason("Webhook with id '" + name + "' already exists");
			}
			registered.put(name, urls);
			return webhook("Webhook has been created", urls, "webhook " + name + " created");
		});
	}

	private MockAnswer update(MockCall call) {
		String name = call.variable("name");
		List<String> urls = urls(call.form().all("url"), "");
		return this.webhooks.withRegistrations(call.domain().name(), registered -> {
			if (!registered.containsKey(name)) {
				return MockAnswer.json(404, NOT_FOUND);
			}
			registered.put(name, urls);
			return webhook("Webhook has been updated", urls, "webhook " + name + " updated");
		});
	}

	private MockAnswer delete(MockCall call) {
		String name = call.variable("name");
		return this.webhooks.withRegistrations(call.domain().name(), registered -> {
			List<String> removed = registered.remove(name);
			return (removed == null) ? MockAnswer.json(404, NOT_FOUND)
					: webhook("Webhook has been deleted", removed, "webhook " + name + " deleted");
		});
	}

	private MockAnswer createForEvents(MockCall call) {
		String url = oneUrl(call);
		Set<String> names = eventTypes(call);
		return this.webhooks.withRegistrations(call.domain().name(), registered -> {
			for (String name : names) {
				if (registered.getOrDefault(name, List.of()).contains(url)) {
					return reason("Webhook for event type '" + name + "' with URL '" + url + "' already exists");
				}
			}
			MockAnswer full = add(registered, names, url);
			return (full != null) ? full : MockAnswer.ok(all(registered), "webhook " + url + " created");
		});
	}

	private MockAnswer updateForEvents(MockCall call) {
		String url = oneUrl(call);
		Set<String> names = eventTypes(call);
		return this.webhooks.withRegistrations(call.domain().name(), registered -> {
			if (registered.values().stream().noneMatch(urls -> urls.contains(url))) {
				return MockAnswer.of(404, MockAnswer.JSON, MockJson.write(Map.of("Description", NOT_FOUND)), NOT_FOUND);
			}
			Map<String, List<String>> before = MockWebhooks.copy(registered);
			registered.values().forEach(urls -> urls.remove(url));
			MockAnswer full = add(registered, names, url);
			if (full != null) {
				registered.clear();
				before.forEach((name, urls) -> registered.put(name, new ArrayList<>(urls)));
				return full;
			}
			return MockAnswer.ok(all(registered), "webhook " + url + " updated");
		});
	}

	private MockAnswer deleteUrls(MockCall call) {
		String parameter = call.parameter("url");
		if (parameter == null || parameter.isBlank()) {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("Field", "url");
			body.put("Reason", "url is a required parameter");
			return MockAnswer.of(400, MockAnswer.JSON, MockJson.write(body), "url is a required parameter");
		}
		List<String> urls = new ArrayList<>();
		for (String url : parameter.split(",")) {
			if (!url.isBlank()) {
				urls.add(url.trim());
			}
		}
		return this.webhooks.withRegistrations(call.domain().name(), registered -> {
			registered.values().forEach(registeredUrls -> registeredUrls.removeAll(urls));
			return MockAnswer.ok(all(registered), "webhook URLs deleted");
		});
	}

	/** Adds the URL to each name, or answers 400 when a name already has the most URLs it may have. */
	private static @Nullable MockAnswer add(Map<String, List<String>> registered, Set<String> names, String url) {
		for (String name : names) {
			if (registered.getOrDefault(name, List.of()).size() >= MAX_URLS) {
				return reason("Webhook '" + name + "' already has the maximum of " + MAX_URLS + " URLs");
			}
		}
		names.forEach(name -> registered.computeIfAbsent(name, key -> new ArrayList<>()).add(url));
		return null;
	}

	private MockAnswer signingKey(@Nullable String message) {
		Map<String, Object> body = new LinkedHashMap<>();
		if (message != null) {
			body.put("message", message);
		}
		body.put("http_signing_key", this.webhooks.signingKey());
		// The outcome is logged: it must not hold the key.
		return MockAnswer.ok(body, (message != null) ? "signing key rotated" : "signing key");
	}

	private Map<String, Object> all(MockCall call) {
		return this.webhooks.withRegistrations(call.domain().name(), WebhookEndpoints::all);
	}

	private static Map<String, Object> all(Map<String, List<String>> registered) {
		Map<String, Object> webhooks = new LinkedHashMap<>();
		MockWebhooks.copy(registered).forEach((name, urls) -> webhooks.put(name, Map.of("urls", urls)));
		return Map.of("webhooks", webhooks);
	}

	private static MockAnswer webhook(@Nullable String message, List<String> urls, String outcome) {
		Map<String, Object> body = new LinkedHashMap<>();
		if (message != null) {
			body.put("message", message);
		}
		body.put("webhook", Map.of("urls", List.copyOf(urls)));
		return MockAnswer.ok(body, outcome);
	}

	private Map<String, Object> deliveries() {
		List<Object> items = new ArrayList<>();
		for (MockWebhookDelivery delivery : this.webhooks.deliveries()) {
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("url", delivery.url());
			item.put("webhook", delivery.webhook());
			item.put("event-id", delivery.eventId());
			item.put("attempt", delivery.attempt());
			item.put("at", delivery.at().toString());
			item.put("status", delivery.status());
			item.put("error", delivery.error());
			items.add(item);
		}
		return Map.of("items", items);
	}

	/** The one URL of a v4 request. */
	private static String oneUrl(MockCall call) {
		String url = call.form().firstNonEmpty("url");
		if (url == null) {
			throw new ReasonException("url is a required parameter");
		}
		return urls(List.of(url), "invalid parameters: ").get(0);
	}

	private static Set<String> eventTypes(MockCall call) {
		List<String> values = call.form().all("event_types");
		if (values.isEmpty()) {
			throw new ReasonException("event_types is a required parameter");
		}
		Set<String> names = new LinkedHashSet<>();
		for (String value : values) {
			if (!MockWebhooks.NAMES.contains(value)) {
				throw new ReasonException("invalid parameters: unknown event type '" + value + "'");
			}
			names.add(value);
		}
		return names;
	}

	/** Checks one to three absolute http(s) URLs, as Mailgun does (less its DNS lookup). */
	private static List<String> urls(List<String> values, String prefix) {
		if (values.isEmpty() || values.stream().allMatch(String::isEmpty)) {
			throw new ReasonException("url is a required parameter");
		}
		if (values.size() > MAX_URLS) {
			throw new ReasonException("Maximum of " + MAX_URLS + " urls for a given webhook type, got " + values.size());
		}
		List<String> urls = new ArrayList<>();
		for (String value : values) {
			String url = value.trim();
			@Nullable String problem;
			try {
				URI uri = new URI(url);
				String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
				problem = !(scheme.equals("http") || scheme.equals("https")) ? "invalid URL scheme"
						: (uri.getHost() == null) ? "host not found" : null;
			}
			catch (URISyntaxException ex) {
				problem = "invalid URL";
			}
			if (problem != null) {
				throw new ReasonException(prefix + Texts.abbreviate(url) + " is not a valid url: " + problem);
			}
			urls.add(url);
		}
		return urls;
	}

	/** Answers a {@link ReasonException} of the handler with 400 {@code {"Reason": ...}}. */
	private static MockRoutes.Handler reasons(MockRoutes.Handler handler) {
		return call -> {
			try {
				return handler.handle(call);
			}
			catch (ReasonException ex) {
				return reason(String.valueOf(ex.getMessage()));
			}
		};
	}

	private static MockAnswer reason(String reason) {
		return MockAnswer.of(400, MockAnswer.JSON, MockJson.write(Map.of("Reason", reason)), reason);
	}

	/** A 400 of the webhook endpoints, {@code {"Reason": ...}} as Mailgun's document gives it. */
	private static final class ReasonException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		ReasonException(String reason) {
			super(reason, null, false, false);
		}

	}

}
