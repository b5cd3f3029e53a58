package io.docswarm.agents.draft;

import io.docswarm.agents.inputs.DataTable;
import io.docswarm.agents.inputs.SourceDocument;
import io.docswarm.agents.job.JobSpec;
import java.io.Serializable;
import java.util.List;

/**
 * Everything a drafter may draw on for one job: the spec and its loaded sources and data.
 *
 * @param spec    the job
 * @param sources loaded text sources, in spec order
 * @param data    loaded data tables, in spec order
 */
public record JobMaterials(JobSpec spec, List<SourceDocument> sources, List<DataTable> data) implements Serializable {
    public JobMaterials {
        sources = List.copyOf(sources);
        data = List.copyOf(data);
    }
}
