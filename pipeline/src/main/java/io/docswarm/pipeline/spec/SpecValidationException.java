package io.docswarm.pipeline.spec;

import java.util.List;

/** A job spec that failed validation; carries every error found, not just the first. */
public class SpecValidationException extends Exception {

    private final transient List<SpecError> errors;

    public SpecValidationException(List<SpecError> errors) {
        super(String.join("\n", errors.stream().map(SpecError::message).toList()));
        this.errors = List.copyOf(errors);
    }

    public List<SpecError> errors() {
        return errors;
    }
}
