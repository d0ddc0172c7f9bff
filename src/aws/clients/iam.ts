// Only the commands the checker sends: a named re-export lets the bundler drop the hundreds of others.
export { IAMClient, GetContextKeysForPrincipalPolicyCommand, GetInstanceProfileCommand, GetRoleCommand, ListRolesCommand, SimulatePrincipalPolicyCommand } from '@aws-sdk/client-iam';
