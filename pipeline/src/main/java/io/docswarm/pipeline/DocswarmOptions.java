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
