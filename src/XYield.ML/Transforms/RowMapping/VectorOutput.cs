using Microsoft.ML.Data;

namespace XYield.ML.Transforms.RowMapping;

/// <summary>Writes vector outputs into the caller's <see cref="VBuffer{T}"/>, reusing its arrays when they are large enough.</summary>
internal static class VectorOutput
{
    /// <summary>Makes <paramref name="destination"/> a dense vector holding <paramref name="values"/>.</summary>
    public static void WriteDense<T>(ref VBuffer<T> destination, ReadOnlySpan<T> values)
    {
        var editor = VBufferEditor.Create(ref destination, values.Length);
        values.CopyTo(editor.Values);
        destination = editor.Commit();
    }
}
