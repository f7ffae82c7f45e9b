package io.github.springmailgun;

import java.util.Map;

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
		return entryFields(requireNonNull("complaint", complaint).address(), complaint.createdAt());
	}

}
