package io.docswarm.pipeline;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/** Options of a Docswarm run; every runner understands them (pass them as {@code --bucket=...} on a cluster). */
public interface DocswarmOptions extends PipelineOptions {

    @Description("The bucket: a folder with jobs/ (specs), skills/ (the Skill library) and the specs' inputs.")
    @Validation.Required
    String getBucket();

    void setBucket(String bucket);

    @Description("Where deliverables, manifests and the _failed/ dead-letter folder are written.")
    @Default.String("out")
    String getOut();

    void setOut(String out);

    @Description("Who writes the content: 'grounded' (model-free, from the job's own sources and data) or 'engine' "
            + "(the in-process engine on --model, grounded in the same evidence).")
    @Default.String("grounded")
    String getDrafter();

    void setDrafter(String drafter);

    @Description("Per-role drafters, e.g. 'writer=engine,analyst=grounded': production teams route roles to "
            + "different models; roles not listed use --drafter.")
    @Default.String("")
    String getRoutes();

    void setRoutes(String routes);

    @Description("Most sub-agents (parts) one job may use.")
    @Default.Integer(300)
    int getMaxAgents();

    void setMaxAgents(int agents);

    @Description("Most steps (drafts, retries and review rounds) one job may use.")
    @Default.Integer(4000)
    int getMaxSteps();

    void setMaxSteps(int steps);

    @Description("Most model tokens one job may use; 0 for no limit.")
    @Default.Long(0)
    long getMaxJobTokens();

    void setMaxJobTokens(long tokens);

    @Description("Most wall-time minutes from a job's planning to its last part; 0 for no limit.")
    @Default.Long(0)
    long getMaxJobMinutes();

    void setMaxJobMinutes(long minutes);

    @Description("The GGUF model file the 'engine' drafter loads (a path every worker can read).")
    String getModel();

    void setModel(String model);

    @Description("The 'openai' drafter's OpenAI-compatible endpoint, e.g. http://host:8080/v1.")
    String getOpenAiBaseUrl();

    void setOpenAiBaseUrl(String url);

    @Description("The model name the 'openai' drafter asks for.")
    String getOpenAiModel();

    void setOpenAiModel(String model);
}
