package io.github.springmailgun.route;

import java.util.ArrayList;
import java.util.List;

import io.github.springmailgun.error.MailgunValidationException;
import org.jspecify.annotations.Nullable;

/**
 * A new route ({@code POST /v3/routes}): a filter, the actions to run when it matches, a priority and a
 * description. Checked when built, before any request.
 *
 * <pre class="code">
 * RouteRequest route = RouteRequest.builder(RouteExpression.matchRecipient("support@mg\\.example\\.com"))
 *     .forward("https://app.example.com/inbound")
 *     .stop()
 *     .priority(10)
 *     .description("Support inbox")
 *     .build();
 * </pre>
 *
 * @param expression the filter ({@code expression})
 * @param actions the actions, at least one, sent as repeated {@code action} fields in order
 * @param priority the priority ({@code priority}), 0 or more; smaller numbers are evaluated first
 * @param description the description ({@code description}), or {@code null}
 */
public record RouteRequest(RouteExpression expression, List<RouteAction> actions, int priority,
		@Nullable String description) {

	/**
	 * Checks the values: a filter, at least one action, and a priority of 0 or more.
	 */
	public RouteRequest {
		if (expression == null) {
			throw new MailgunValidationException("expression", "must not be null");
		}
		actions = RouteUpdate.requireActions(actions, false);
		RouteUpdate.requirePriority(priority);
	}

	/**
	 * Starts a route with the given filter.
	 * @param expression the filter
	 * @return a builder
	 */
	public static Builder builder(RouteExpression expression) {
		return new Builder(expression);
	}

	/**
	 * Builds {@link RouteRequest}.
	 */
	public static final class Builder {

		private final RouteExpression expression;

		private final List<RouteAction> actions = new ArrayList<>();

		private int priority;

		private @Nullable String description;

		private Builder(RouteExpression expression) {
			this.expression = expression;
		}

		/**
		 * Adds an action; actions run in the order they are added.
		 * @param action the action
		 * @return this builder
		 */
		public Builder action(RouteAction action) {
			this.actions.add(action);
			return this;
		}

		/**
		 * Adds {@link RouteAction#forward(String)}.
		 * @param destination an {@code http} or {@code https} URL, or one email address
		 * @return this builder
		 */
		public Builder forward(String destination) {
			return action(RouteAction.forward(destination));
		}

		/**
		 * Adds {@link RouteAction#store(String)}.
		 * @param notifyUrl the URL to notify, or {@code null} for none
		 * @return this builder
		 */
		public Builder store(@Nullable String notifyUrl) {
			return action(RouteAction.store(notifyUrl));
		}

		/**
		 * Adds {@link RouteAction#stop()}.
		 * @return this builder
		 */
		public Builder stop() {
			return action(RouteAction.stop());
		}

		/**
		 * Sets the priority; Mailgun's default is 0.
		 * @param priority 0 or more; smaller numbers are evaluated first
		 * @return this builder
		 */
		public Builder priority(int priority) {
			this.priority = priority;
			return this;
		}

		/**
		 * Sets the description.
		 * @param description free text
		 * @return this builder
		 */
		public Builder description(@Nullable String description) {
			this.description = description;
			return this;
		}

		/**
		 * Builds the request.
		 * @return the request
		 * @throws MailgunValidationException when a value breaks one of Mailgun's rules
		 */
		public RouteRequest build() {
			return new RouteRequest(this.expression, this.actions, this.priority, this.description);
		}

	}

}
