package io.github.springmailgun.test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the CSV file of a suppression import: a header row naming the columns ({@code address},
 * {@code code}, {@code error}, {@code tags}, {@code created_at}, {@code domain}), then one entry a row.
 * Fields may be quoted, with {@code ""} for a quote (RFC 4180).
 */
final class SuppressionCsv {

	private SuppressionCsv() {
	}

	/**
	 * Reads the rows of a file.
	 * @param text the file
	 * @return each row's non-empty fields by lower-case column name
	 * @throws BadRequestException when there is no header row, as Mailgun answers
	 */
	static List<Map<String, String>> read(String text) {
		List<List<String>> records = records(text.startsWith("\uFEFF") ? text.substring(1) : text);
		if (records.isEmpty()) {
			throw new BadRequestException("while reading csv header");
		}
		List<String> header = records.get(0).stream().map(name -> name.trim().toLowerCase(Locale.ROOT)).toList();
		List<Map<String, String>> rows = new ArrayList<>();
		for (List<String> record : records.subList(1, records.size())) {
			Map<String, String> row = new LinkedHashMap<>();
			for (int i = 0; i < Math.min(header.size(), record.size()); i++) {
				if (!record.get(i).isBlank()) {
					row.put(header.get(i), record.get(i));
				}
			}
			if (!row.isEmpty()) {
				rows.add(row);
			}
		}
		return rows;
	}

	private static List<List<String>> records(String text) {
		List<List<String>> records = new ArrayList<>();
		List<String> record = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
					field.append('"');
					i++;
				}
				else if (c == '"') {
					quoted = false;
				}
				else {
					field.append(c);
				}
			}
			else if (c == '"') {
				quoted = true;
			}
			else if (c == ',') {
				record.add(field.toString());
				field.setLength(0);
			}
			else if (c == '\n' || c == '\r') {
				if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
					i++;
				}
				endRecord(records, record, field);
				record = new ArrayList<>();
			}
			else {
				field.append(c);
			}
		}
		endRecord(records, record, field);
		return records;
	}

	private static void endRecord(List<List<String>> records, List<String> record, StringBuilder field) {
		record.add(field.toString());
		field.setLength(0);
		// A blank line is no record.
		if (record.size() > 1 || !record.get(0).isBlank()) {
			records.add(record);
		}
	}

}
