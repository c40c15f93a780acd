using Liftoff.Domain.Rollout;

namespace Liftoff.Domain.Tests.Rollout;

public class StepConditionTests
{
    private static Release Release(bool significant, ProductKind product) =>
        new(Guid.NewGuid(), product, "1.0", new DateOnly(2026, 3, 10), significant, ReleaseStatus.Planned);

    [Theory]
    [InlineData(true, true, true)]
    [InlineData(true, false, false)]
    [InlineData(false, false, true)]
    public void IsMetBy_SignificantChanges_ComparesTheFlag(bool expected, bool actual, bool met)
    {
        Assert.Equal(met, StepCondition.SignificantChangesIs(expected).IsMetBy(Release(actual, ProductKind.Software)));
    }

    [Fact]
    public void IsMetBy_Product_ComparesIgnoringCase()
    {
        var condition = new StepCondition(ReleaseField.Product, "Hardware");

        Assert.True(condition.IsMetBy(Release(false, ProductKind.Hardware)));
        Assert.False(condition.IsMetBy(Release(false, ProductKind.Software)));
    }

    [Theory]
    [InlineData(ReleaseField.SignificantChanges, "yes")]
    [InlineData(ReleaseField.Product, "1")]
    [InlineData(ReleaseField.Product, "firmware")]
    public void Problem_UnusableValue_IsReportedAndNeverMet(ReleaseField field, string value)
    {
        var condition = new StepCondition(field, value);

        Assert.NotNull(condition.Problem());
        Assert.False(condition.IsMetBy(Release(true, ProductKind.Software)));
    }

    [Fact]
    public void Problem_WellFormed_IsNull()
    {
        Assert.Null(StepCondition.ProductIs(ProductKind.Software).Problem());
        Assert.Null(StepCondition.SignificantChangesIs(false).Problem());
    }

    [Theory]
    [InlineData(-4, OffsetUnit.Weeks, "4 weeks before")]
    [InlineData(-1, OffsetUnit.Weeks, "1 week before")]
    [InlineData(0, OffsetUnit.Days, "on release day")]
    [InlineData(1, OffsetUnit.Days, "1 day after")]
    [InlineData(10, OffsetUnit.Days, "10 days after")]
    public void Describe_Offset_ReadsNaturally(int amount, OffsetUnit unit, string expected)
    {
        Assert.Equal(expected, new StepOffset(amount, unit).Describe());
    }
}
