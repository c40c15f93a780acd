using System.Text;

namespace Liftoff.Domain.Backlog.Similarity;

/// <summary>
/// Builds the text a request is embedded from, identically for indexing and for querying.
/// </summary>
/// <remarks>
/// The MiniLM tokenizer splits words only on single spaces and "\r\n", so every whitespace run
/// becomes one space. It also cuts at 512 word pieces and drops the closing [SEP] when it does,
/// while the model was trained on 128: the text is cut here at whole words to a word-piece budget,
/// estimated without the vocabulary.
/// </remarks>
public static class EmbeddingText
{
    /// <summary>Title and description, whitespace collapsed, cut at whole words to the budget.</summary>
    public static string Compose(string title, string? description, int maxWordPieces)
    {
        var head = Collapse(title);
        var body = Collapse(description ?? "");
        var joined = body.Length == 0 ? head
            : head.Length == 0 ? body
            : head[^1] is '.' or '?' or '!' or ':' ? $"{head} {body}" : $"{head}. {body}";
        return Truncate(joined, maxWordPieces);
    }

    public static string Collapse(string text)
    {
        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }
            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Keeps the longest prefix of whole words whose estimated word pieces fit the budget.</summary>
    public static string Truncate(string collapsed, int maxWordPieces)
    {
        var budget = maxWordPieces * 10;
        var used = 0;
        var start = 0;
        while (start < collapsed.Length)
        {
            var end = collapsed.IndexOf(' ', start);
            if (end < 0)
            {
                end = collapsed.Length;
            }
            used += WordPieceEstimate.TenthsForWord(collapsed.AsSpan(start, end - start));
            if (used > budget)
            {
                return start == 0 ? "" : collapsed[..(start - 1)];
            }
            start = end + 1;
        }
        return collapsed;
    }
}
