package dk.medcomgateway.message;

import java.util.List;

/** The message has content problems: it is answered with a fatal-error acknowledgement and never delivered. */
public class MessageRejectedException extends RuntimeException {

    private final transient List<ValidationIssue> issues;

    public MessageRejectedException(List<ValidationIssue> issues) {
        super(issues.isEmpty() ? "rejected" : issues.get(0).text());
        this.issues = List.copyOf(issues);
    }

    public List<ValidationIssue> issues() {
        return issues;
    }
}
