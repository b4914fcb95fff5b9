namespace Zhongcao.Server.Http;

/// <summary>Collects field errors; a request is valid when none were added.</summary>
public sealed class Validator
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public void Add(string field, string reason)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(reason);
    }

    public void Id(string field, string? value)
    {
        if (value is null)
        {
            Add(field, "is required");
        }
        else if (!ApiLimits.IsValidId(value))
        {
            Add(field, ApiLimits.IdRule);
        }
    }

    public void Text(string field, string? value, int max, bool required = false)
    {
        if (value is null || (required && string.IsNullOrWhiteSpace(value)))
        {
            if (required)
            {
                Add(field, "is required");
            }

            return;
        }

        if (value.Length > max)
        {
            Add(field, $"must be at most {max} characters (got {value.Length})");
        }

        if (value.Contains('\0'))
        {
            Add(field, "must not contain NUL characters");
        }
    }

    public void Range(string field, long value, long min, long max)
    {
        if (value < min || value > max)
        {
            Add(field, $"must be between {min} and {max} (got {value})");
        }
    }

    public IResult ToProblem() =>
        Problems.Validation(_errors.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray()));

    public IReadOnlyDictionary<string, string[]> Errors => _errors.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
}
