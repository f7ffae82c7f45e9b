package io.github.springmailgun.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import io.github.springmailgun.MailgunRegion;
import io.github.springmailgun.error.MailgunApiException;
import io.github.springmailgun.error.MailgunAuthenticationException;
import io.github.springmailgun.error.MailgunBadRequestException;
import io.github.springmailgun.error.MailgunNotFoundException;
import io.github.springmailgun.error.MailgunPayloadTooLargeException;
import io.github.springmailgun.error.MailgunRateLimitException;
import io.github.springmailgun.error.MailgunServerException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

import org.springframework.http.HttpHeaders;

/**
 * Turns an error response into the typed exception for its status, with Mailgun's message and advice
 * for the mistakes users make most (a key or domain of the other region).
 */
final class ErrorResponses {

	/** Error bodies longer than this are cut in exception messages. */
	static final int MAX_MESSAGE_LENGTH = 500;

	private static final String[] MESSAGE_KEYS = { "message", "error", "Reason", "Description" };

	private ErrorResponses() {
	}

	static MailgunApiException toException(int status, HttpHeaders headers, byte[] body, String method, String path,
			MailgunRegion region, Instant now) {
		Map<String, Object> json = parseObject(body);
		String message = message(json, body, headers);
		return switch (status) {
			case 400 -> new MailgunBadRequestException(status, message, method, path, region, "");
			case 401, 403 -> new MailgunAuthenticationException(status, message, method, path, region,
					"Check mailgun.api-key, and that the key belongs to the " + region + " region ("
							+ region.baseUrl().getHost() + "); keys of the other region are refused here"
							+ ((status == 403) ? ", and domain sending keys may only send messages" : ""));
			case 404 -> new MailgunNotFoundException(status, message, method, path, region,
					"Check the domain name and the region: a domain of the " + other(region)
							+ " region is unknown at " + region.baseUrl().getHost() + " (set mailgun.region="
							+ other(region).name().toLowerCase(java.util.Locale.ROOT) + " if it lives there)");
			case 413 -> new MailgunPayloadTooLargeException(status, message, method, path, region,
					"Mailgun accepts about 25 MB of attachments per message");
			// 420 ("enhance your calm") carries the same refusal and hint as 429 on some endpoints.
			case 420, 429 -> new MailgunRateLimitException(status, message, method, path, region,
					RetryAfterHints.find(headers, json, message, now));
			// Never followed: a 307 would send the message twice, and the key with it to another host.
			case 301, 302, 303, 307, 308 -> new MailgunApiException(status, message, method, path, region,
					"The server answered with a redirect (to " + redirectTarget(headers)
							+ "), which is not followed; check mailgun.base-url");
			default -> (status >= 500) ? new MailgunServerException(status, message, method, path, region, "")
					: new MailgunApiException(status, message, method, path, region, "");
		};
	}

	/** Scheme, host and port of the redirect: its path and query may carry anything. */
	private static String redirectTarget(HttpHeaders headers) {
		try {
			URI location = headers.getLocation();
			if (location != null && location.getHost() != null) {
				return location.getScheme() + "://" + location.getHost()
						+ ((location.getPort() >= 0) ? ":" + location.getPort() : "");
			}
		}
		catch (IllegalArgumentException ex) {
			// A malformed Location: not worth naming.
		}
		return "another location";
	}

	private static MailgunRegion other(MailgunRegion region) {
		return (region == MailgunRegion.US) ? MailgunRegion.EU : MailgunRegion.US;
	}

	private static @Nullable Map<String, Object> parseObject(byte[] body) {
		if (body.length == 0 || body[0] != '{') {
			return null;
		}
		try {
			return Json.readMap(body);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static String message(@Nullable Map<String, Object> json, byte[] body, HttpHeaders headers) {
		if (json != null) {
			// Most APIs write "message"; some older ones "error", and webhook calls "Reason" or "Description".
			for (String key : MESSAGE_KEYS) {
				Object message = json.get(key);
				if (message != null) {
					return cut(message.toString());
				}
			}
		}
		String text = new String(body, StandardCharsets.UTF_8).trim();
		String contentType = String.valueOf(headers.getContentType());
		if (contentType.contains("html") || text.startsWith("<")) {
			// A proxy or load balancer answered, not Mailgun's API: do not echo its markup.
			return "non-JSON response (" + body.length + " bytes of HTML), probably from a proxy in front of Mailgun";
		}
		return cut(text);
	}

	static String cut(String text) {
		String single = text.replace('\r', ' ').replace('\n', ' ');
		return (single.length() > MAX_MESSAGE_LENGTH) ? single.substring(0, MAX_MESSAGE_LENGTH) + "..." : single;
	}

}
