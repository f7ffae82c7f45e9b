package io.github.springmailgun.route;

import org.jspecify.annotations.Nullable;

/**
 * One action of a route, as Mailgun's action text: {@link #forward(String)}, {@link #store()},
 * {@link #stop()}, or any other with {@link #raw(String)}. Values are checked before any request.
 *
 * @param value the action as Mailgun reads it, such as {@code forward("https://app.example.com/inbound")}
 */
public record RouteAction(String value) {

	/**
	 * Checks the text: not blank, on one line.
	 */
	public RouteAction {
		RouteChecks.requireLine("action", "action", value);
	}

	/**
	 * Forwards the message to a URL, as an HTTP POST of the parsed message (or of the raw MIME when the
	 * URL ends in {@code mime}), or to an email address ({@code forward("destination")}).
	 * @param destination an {@code http} or {@code https} URL, or one email address
	 * @return the action
	 */
	public static RouteAction forward(String destination) {
		String quoted = RouteChecks.quoted("action", "forward destination", destination);
		RouteChecks.requireDestination("action", destination);
		return new RouteAction("forward(" + quoted + ")");
	}

	/**
	 * Stores the message for three days, to be fetched through the stored-message API ({@code store()}).
	 * @return the action
	 */
	public static RouteAction store() {
		return new RouteAction("store()");
	}

	/**
	 * Stores the message and posts a notification with its storage URL to a URL
	 * ({@code store(notify="url")}).
	 * @param notifyUrl an {@code http} or {@code https} URL, or {@code null} for no notification
	 * @return the action
	 */
	public static RouteAction store(@Nullable String notifyUrl) {
		if (notifyUrl == null) {
			return store();
		}
		String quoted = RouteChecks.quoted("action", "store notify URL", notifyUrl);
		RouteChecks.requireHttpUrl("action", "store notify URL", notifyUrl);
		return new RouteAction("store(notify=" + quoted + ")");
	}

	/**
	 * Stops the evaluation of routes with a larger priority number ({@code stop()}).
	 * @return the action
	 */
	public static RouteAction stop() {
		return new RouteAction("stop()");
	}

	/**
	 * Uses an action as written, for what the other methods do not build.
	 * @param action the action text
	 * @return the action
	 */
	public static RouteAction raw(String action) {
		return new RouteAction(action);
	}

	@Override
	public String toString() {
		return this.value;
	}

}
