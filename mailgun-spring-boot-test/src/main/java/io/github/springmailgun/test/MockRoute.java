package io.github.springmailgun.test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A route stored in a {@link MailgunMockServer}, as Mailgun's Routes API shows it.
 *
 * @param id the route's id, 24 hexadecimal digits as Mailgun's
 * @param priority the priority: smaller numbers are evaluated first
 * @param description the description, empty when none was given
 * @param expression the filter as written
 * @param actions the actions as written, in order
 * @param createdAt when it was created, on the mock's clock
 */
public record MockRoute(String id, int priority, String description, String expression, List<String> actions,
		Instant createdAt) {

	/**
	 * Copies the actions.
	 */
	public MockRoute {
		actions = List.copyOf(actions);
	}

	/**
	 * Returns whether one of the actions is {@code stop()}: routes after this one are not evaluated for a
	 * message it matches.
	 * @return whether the route stops the evaluation
	 */
	public boolean stops() {
		return this.actions.stream().anyMatch((action) -> action.replaceAll("\\s", "").equals("stop()"));
	}

	MockRoute with(@Nullable Integer newPriority, @Nullable String newDescription, @Nullable String newExpression,
			List<String> newActions) {
		return new MockRoute(this.id, (newPriority != null) ? newPriority : this.priority,
				(newDescription != null) ? newDescription : this.description,
				(newExpression != null) ? newExpression : this.expression,
				newActions.isEmpty() ? this.actions : newActions, this.createdAt);
	}

	/** The route as Mailgun writes it. */
	Map<String, Object> json() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", this.id);
		json.put("priority", this.priority);
		json.put("description", this.description);
		json.put("expression", this.expression);
		json.put("actions", this.actions);
		json.put("created_at", MockDates.rfc1123(this.createdAt));
		return json;
	}

}
