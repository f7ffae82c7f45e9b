package io.github.springmailgun.suppression;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.internal.MailgunDates;
import io.github.springmailgun.internal.MailgunHttp;
import io.github.springmailgun.message.FormField;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link ComplaintOperations} over Mailgun's HTTP API, bound to one domain.
 */
public final class ComplaintTemplate extends AbstractSuppressionTemplate<Complaint> implements ComplaintOperations {

	/**
	 * Creates the operations for a domain.
	 * @param http the plumbing
	 * @param domain the sending domain
	 */
	public ComplaintTemplate(MailgunHttp http, String domain) {
		super(http, domain, "complaints", Complaint.class, "address");
	}

	@Override
	public Mono<SuppressionResponse> add(Complaint complaint) {
		return Mono.defer(() -> {
			Map<String, Object> fields = toJson(complaint);
			List<FormField> form = new ArrayList<>(fields.size());
			fields.forEach((name, value) -> form.add(new FormField(name, value.toString())));
			return addForm(form);
		});
	}

	@Override
	public Flux<SuppressionResponse> addAll(Collection<Complaint> complaints) {
		return addJson(complaints, ComplaintTemplate::toJson);
	}

	/** The fields of a complaint as both the form and the JSON batch name them; the count is Mailgun's. */
	private static Map<String, Object> toJson(Complaint complaint) {
		if (complaint == null) {
			throw new MailgunValidationException("complaint", "must not be null");
		}
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("address", requireText("address", complaint.address()));
		if (complaint.createdAt() != null) {
			fields.put("created_at", MailgunDates.format(complaint.createdAt()));
		}
		return fields;
	}

}
