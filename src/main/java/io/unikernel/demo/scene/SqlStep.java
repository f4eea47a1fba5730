package io.unikernel.demo.scene;

/** Runs a SQL query and shows the rows. */
public record SqlStep(SqlQuery query) implements Step {
    @Override
    public String describe() {
        return "SQL on " + query.host() + ": " + query.sql();
    }
}
