using System.ComponentModel.DataAnnotations;

namespace Liftoff.Web.Infrastructure.Web;

public static class Validation
{
    /// <summary>Runs data-annotation validation; returns errors by field, empty when valid.</summary>
    public static Dictionary<string, string[]> Errors(object? model)
    {
        if (model is null)
        {
            return new() { [""] = ["A request body is required."] };
        }
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(model, new ValidationContext(model), results, validateAllProperties: true);
        return results.SelectMany(r => (r.MemberNames.Any() ? r.MemberNames : [""])
            .Select(m => (Member: m, r.ErrorMessage)))
            .GroupBy(x => x.Member)
            .ToDictionary(g => g.Key, g => g.Select(x => x.ErrorMessage ?? "Invalid value.").ToArray());
    }
}
