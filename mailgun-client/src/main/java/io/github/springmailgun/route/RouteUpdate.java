package io.github.springmailgun.route;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.github.springmailgun.error.MailgunValidationException;
import org.jspecify.annotations.Nullable;

/**
 * A change of a route ({@code PUT /v3/routes/{id}}): only the values set are sent, and Mailgun leaves
 * the others as they are. Actions, when set, replace all the route's actions.
 *
 * @param expression the new filter, or {@code null} to keep it
 * @param actions the new actions, or empty to keep them
 * @param priority the new priority, or {@code null} to keep it
 * @param description the new description, or {@code null} to keep it
 */
public record RouteUpdate(@Nullable RouteExpression expression, List<RouteAction> actions,
		@Nullable Integer priority, @Nullable String description) {

	/**
	 * Checks the values: at least one is set, and a priority is 0 or more.
	 */
	public RouteUpdate {
		actions = requireActions(actions, true);
		if (priority != null) {
			requirePriority(priority);
		}
		if (expression == null && actions.isEmpty() && priority == null && description == null) {
			throw new MailgunValidationException("route", "an update must set at least one of expression, action, "
					+ "priority or description");
		}
	}

	/**
	 * Starts an update that changes nothing yet.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	static List<RouteAction> requireActions(@Nullable List<RouteAction> actions, boolean mayBeEmpty) {
		if (actions == null || (actions.isEmpty() && !mayBeEmpty)) {
			throw new MailgunValidationException("action", "a route needs at least one action");
		}
		if (actions.stream().anyMatch(Objects::isNull)) {
			throw new MailgunValidationException("action", "must not be null");
		}
		return List.copyOf(actions);
	}

	static int requirePriority(int priority) {
		if (priority < 0) {
			throw new MailgunValidationException("priority", "must be 0 or more, was " + priority);
		}
		return priority;
	}

	/**
	 * Builds {@link RouteUpdate}.
	 */
	public static final class Builder {

		private @Nullable RouteExpression expression;

		private final List<RouteAction> actions = new ArrayList<>();

		private @Nullable Integer priority;

		private @Nullable String description;

		private Builder() {
		}

		/**
		 * Replaces the filter.
		 * @param expression the filter
		 * @return this builder
		 */
		public Builder expression(RouteExpression expression) {
			this.expression = expression;
			return this;
		}

		/**
		 * Adds an action to the list that replaces the route's actions.
		 * @param action the action
		 * @return this builder
		 */
		public Builder action(RouteAction action) {
			this.actions.add(action);
			return this;
		}

		/**
		 * Replaces the priority.
		 * @param priority 0 or more; smaller numbers are evaluated first
		 * @return this builder
		 */
		public Builder priority(int priority) {
			this.priority = priority;
			return this;
		}

		/**
		 * Replaces the description.
		 * @param description free text
		 * @return this builder
		 */
		public Builder description(String description) {
			this.description = description;
			return this;
		}

		/**
		 * Builds the update.
		 * @return the update
		 * @throws MailgunValidationException when nothing is set or a value breaks one of Mailgun's rules
		 */
		public RouteUpdate build() {
			return new RouteUpdate(this.expression, this.actions, this.priority, this.description);
		}

	}

}
