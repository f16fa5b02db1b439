namespace WealthActors;

[GenerateSerializer, Alias("WealthActors.ClientTier")]
public enum ClientTier { Mass = 0, Affluent = 1, HighNetWorth = 2, UltraHighNetWorth = 3 }

[GenerateSerializer, Alias("WealthActors.LifecycleStage")]
public enum LifecycleStage { Prospect = 0, New = 1, Active = 2, Dormant = 3, Churned = 4 }

/// <summary>Client risk profile from the suitability questionnaire (C1 conservative … C5 aggressive).</summary>
[GenerateSerializer, Alias("WealthActors.RiskLevel")]
public enum RiskLevel { C1 = 1, C2 = 2, C3 = 3, C4 = 4, C5 = 5 }

/// <summary>Product risk rating (R1 lowest … R5 highest).</summary>
[GenerateSerializer, Alias("WealthActors.ProductRisk")]
public enum ProductRisk { R1 = 1, R2 = 2, R3 = 3, R4 = 4, R5 = 5 }

[GenerateSerializer, Alias("WealthActors.Severity")]
public enum Severity { Low = 0, Normal = 1, High = 2, Critical = 3 }

[GenerateSerializer, Alias("WealthActors.ComplaintStatus")]
public enum ComplaintStatus { Open = 0, Acknowledged = 1, Paused = 2, Resolved = 3 }

[GenerateSerializer, Alias("WealthActors.SlaState")]
public enum SlaState { OnTrack = 0, AtRisk = 1, Breached = 2, Paused = 3, Met = 4 }

[GenerateSerializer, Alias("WealthActors.EmployeeRole")]
public enum EmployeeRole { Advisor = 0, TeamLead = 1, BranchHead = 2, RegionalHead = 3, Compliance = 4, Admin = 5 }

[GenerateSerializer, Alias("WealthActors.InboxKind")]
public enum InboxKind { Escalation = 0, Warning = 1, Task = 2, Digest = 3, Info = 4 }

[GenerateSerializer, Alias("WealthActors.InteractionKind")]
public enum InteractionKind { Call = 0, Meeting = 1, Message = 2, Email = 3, Visit = 4, Other = 5 }

[GenerateSerializer, Alias("WealthActors.TransactionKind")]
public enum TransactionKind { Subscription = 0, Redemption = 1, TransferIn = 2, TransferOut = 3, Withdrawal = 4 }
