package io.github.springmailgun.route;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.springmailgun.internal.MailgunDates;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A route of the account, as Mailgun stores it.
 *
 * @param id Mailgun's id of the route
 * @param priority the priority: routes with a smaller number are evaluated first
 * @param description the description, or {@code null}
 * @param expression the filter, such as {@code match_recipient(".*@mg.example.com")}
 * @param actions the actions run when the filter matches, in order, as Mailgun writes them
 * @param createdAt when the route was created ({@code created_at}), or {@code null}
 */
public record Route(String id, int priority, @Nullable String description, String expression, List<String> actions,
		@JsonProperty("created_at") @JsonDeserialize(
				using = MailgunDates.InstantDeserializer.class) @Nullable Instant createdAt) {

	/**
	 * Copies the actions and reads a missing id or expression as empty.
	 */
	public Route {
		id = (id != null) ? id : "";
		expression = (expression != null) ? expression : "";
		actions = (actions != null) ? actions.stream().filter(Objects::nonNull).toList() : List.of();
	}

}
