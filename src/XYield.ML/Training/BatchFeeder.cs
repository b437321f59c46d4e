using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace XYield.ML.Training;

/// <summary>
/// Serves shuffled mini-batches of a <see cref="TrainingSet"/> from buffers allocated once per fit: rows are
/// gathered into a managed buffer, copied into one pinned-size host tensor, and (off the CPU) into one device tensor.
/// </summary>
internal sealed class BatchFeeder : IDisposable
{
    private readonly TrainingSet _set;
    private readonly Random _random;
    private readonly int[] _order;
    private readonly float[] _imageBuffer;
    private readonly float[]? _targetBuffer;
    private readonly long[]? _classBuffer;
    private readonly Tensor _hostImages;
    private readonly Tensor _hostLabels;
    private readonly Tensor _images;
    private readonly Tensor _labels;
    private int _cursor;

    public BatchFeeder(TrainingSet set, int batchSize, Random random, Device device)
    {
        _set = set;
        _random = random;
        BatchSize = Math.Min(batchSize, set.Count);
        _order = Enumerable.Range(0, set.Count).ToArray();
        _imageBuffer = new float[BatchSize * set.Shape.Size];
        long[] imageDims = [BatchSize, set.Shape.Channels, set.Shape.Height, set.Shape.Width];
        _hostImages = empty(imageDims, ScalarType.Float32);
        if (set.Task == Models.YieldTask.Regression)
        {
            _targetBuffer = new float[BatchSize];
            _hostLabels = empty([BatchSize, 1], ScalarType.Float32);
        }
        else
        {
            _classBuffer = new long[BatchSize];
            _hostLabels = empty([BatchSize], ScalarType.Int64);
        }

        var onCpu = device.type == DeviceType.CPU;
        _images = onCpu ? _hostImages : empty(imageDims, ScalarType.Float32, device);
        _labels = onCpu ? _hostLabels : empty(_hostLabels.shape, _hostLabels.dtype, device);
        _cursor = set.Count;
    }

    public int BatchSize { get; }

    public int StepsPerEpoch => (_set.Count + BatchSize - 1) / BatchSize;

    /// <summary>Reshuffles the row order for a new epoch.</summary>
    public void Shuffle()
    {
        _random.Shuffle(_order);
        _cursor = 0;
    }

    /// <summary>The batch of a step of the current epoch (the last one may be smaller).</summary>
    public (Tensor Images, Tensor Labels) Batch(int step)
    {
        var start = step * BatchSize;
        return Fill(start, Math.Min(BatchSize, _set.Count - start));
    }

    /// <summary>The next batch, cycling through the set and reshuffling at each wrap (the smaller set of Mix Training).</summary>
    public (Tensor Images, Tensor Labels) Next()
    {
        if (_cursor >= _set.Count)
        {
            Shuffle();
        }

        var count = Math.Min(BatchSize, _set.Count - _cursor);
        var batch = Fill(_cursor, count);
        _cursor += count;
        return batch;
    }

    public void Dispose()
    {
        if (!ReferenceEquals(_images, _hostImages))
        {
            _images.Dispose();
            _labels.Dispose();
        }

        _hostImages.Dispose();
        _hostLabels.Dispose();
    }

    private (Tensor Images, Tensor Labels) Fill(int start, int count)
    {
        var size = _set.Shape.Size;
        for (var i = 0; i < count; i++)
        {
            var row = _order[start + i];
            Array.Copy(_set.Images, row * size, _imageBuffer, i * size, size);
            if (_targetBuffer is not null)
            {
                _targetBuffer[i] = _set.Targets![row];
            }
            else
            {
                _classBuffer![i] = _set.Classes![row];
            }
        }

        _hostImages.bytes = MemoryMarshal.AsBytes(_imageBuffer.AsSpan());
        _hostLabels.bytes = _targetBuffer is not null
            ? MemoryMarshal.AsBytes(_targetBuffer.AsSpan())
            : MemoryMarshal.AsBytes(_classBuffer.AsSpan());
        if (!ReferenceEquals(_images, _hostImages))
        {
            _images.copy_(_hostImages);
            _labels.copy_(_hostLabels);
        }

        // A full batch is the buffer itself (the caller must not dispose it); a short one is a view in the step's scope.
        return count == BatchSize
            ? (_images, _labels)
            : (_images.narrow(0, 0, count), _labels.narrow(0, 0, count));
    }
}
