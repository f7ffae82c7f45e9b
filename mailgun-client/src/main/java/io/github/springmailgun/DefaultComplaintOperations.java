package io.github.springmailgun;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.springmailgun.error.MailgunValidationException;
import io.github.springmailgun.internal.MailgunDates;
import io.github.springmailgun.internal.MailgunHttp;
import io.github.springmailgun.suppression.Complaint;
import io.github.springmailgun.suppression.ComplaintOperations;

/**
 * {@link ComplaintOperations} over the client's HTTP plumbing, bound to one domain.
 */
final class DefaultComplaintOperations extends AbstractSuppressionOperations<Complaint>
		implements ComplaintOperations {

	DefaultComplaintOperations(MailgunHttp http, String domain) {
		super(http, domain, "complaints", Complaint.class, "address", DefaultComplaintOperations::fields);
	}

	/** The fields of a complaint as both the form and the JSON batch name them; the count is Mailgun's. */
	private static Map<String, Object> fields(Complaint complaint) {
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
