package io.docswarm.agents.research;

import io.docswarm.agents.text.Sentence;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * The researcher: real retrieval over a job's sources. Every sentence is indexed with Lucene (English analysis:
 * stemming, stop words) and scored against a part's heading with BM25, so a section gets the passages that are
 * about it, each with its citation (source file and paragraph).
 */
public final class Researcher implements AutoCloseable {

    private final Analyzer analyzer = new EnglishAnalyzer();
    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    /** Each indexed document's sentence order, read from the stored fields once instead of once per hit. */
    private final int[] orderOfDocument;

    public Researcher(List<Sentence> sentences) {
        try (IndexWriter writer = new IndexWriter(directory,
                new IndexWriterConfig(analyzer).setSimilarity(new BM25Similarity()))) {
            for (Sentence sentence : sentences) {
                Document document = new Document();
                document.add(new TextField("text", sentence.text(), Field.Store.NO));
                document.add(new StoredField("order", sentence.order()));
                writer.addDocument(document);
            }
            writer.commit();
            reader = DirectoryReader.open(directory);
            searcher = new IndexSearcher(reader);
            searcher.setSimilarity(new BM25Similarity());
            orderOfDocument = new int[reader.maxDoc()];
            var stored = searcher.storedFields();
            for (int doc = 0; doc < orderOfDocument.length; doc++) {
                orderOfDocument[doc] = stored.document(doc).getField("order").numericValue().intValue();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot index the job's sources", e);
        }
    }

    /**
     * BM25 relevance of every matching sentence to {@code query}, by sentence order; sentences sharing no term
     * with the query are absent.
     */
    public Map<Integer, Double> relevance(String query) {
        Map<Integer, Double> scores = new HashMap<>();
        if (reader.maxDoc() == 0) {
            return scores;
        }
        try {
            // The query's terms through the same analysis as the text, any of them may match (OR).
            BooleanQuery.Builder builder = new BooleanQuery.Builder();
            int terms = 0;
            try (TokenStream stream = analyzer.tokenStream("text", query)) {
                CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
                stream.reset();
                while (stream.incrementToken()) {
                    builder.add(new TermQuery(new Term("text", term.toString())), BooleanClause.Occur.SHOULD);
                    terms++;
                }
                stream.end();
            }
            if (terms == 0) {
                return scores;
            }
            Query parsed = builder.build();
            for (ScoreDoc hit : searcher.search(parsed, reader.maxDoc()).scoreDocs) {
                scores.put(orderOfDocument[hit.doc], (double) hit.score);
            }
            return scores;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            reader.close();
            directory.close();
            analyzer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
