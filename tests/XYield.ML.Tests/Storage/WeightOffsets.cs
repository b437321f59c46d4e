namespace XYield.ML.Tests.Storage;

/// <summary>Finds a named tensor's data in a saved network stream, to damage one value on purpose.</summary>
internal static class WeightOffsets
{
    /// <summary>
    /// The offset of the first value of the float32 tensor <paramref name="name"/>. TorchSharp writes each entry as the
    /// name (a length-prefixed string), then the element type, the rank and each dimension (7-bit encoded integers), then the data.
    /// </summary>
    public static int FirstFloat(byte[] stream, string name)
    {
        var key = System.Text.Encoding.UTF8.GetBytes(name);
        var at = stream.AsSpan().IndexOf([(byte)key.Length, .. key]);
        Assert.That(at, Is.GreaterThan(0), $"'{name}' is in the stream");
        using var reader = new BinaryReader(new MemoryStream(stream, at + 1 + key.Length, stream.Length - at - 1 - key.Length));
        Assert.That(reader.Read7BitEncodedInt64(), Is.EqualTo((long)TorchSharp.torch.ScalarType.Float32), $"'{name}' is float32");
        var rank = reader.Read7BitEncodedInt64();
        Assert.That(rank, Is.InRange(1, 4));
        for (var i = 0; i < rank; i++)
        {
            reader.Read7BitEncodedInt64();
        }

        return at + 1 + key.Length + (int)reader.BaseStream.Position;
    }
}
