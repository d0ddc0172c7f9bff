// What the network checks need first: the task's VPC, whether this account can see its
// endpoints (not in a VPC shared through AWS RAM), and the ssmmessages interface endpoint.
import { parseArn } from '../../arn';
import type { Facts, TaskNetwork, VpcEndpoint } from '../../facts';
import type { Finding } from '../../model';
import { error, skip } from './check';
import { interfaceEndpointFor, serviceName } from './network';

export interface VpcView {
  network: TaskNetwork & { vpcId: string };
  /** The account that owns the subnet, when it is not the task's (a shared VPC). */
  sharedBy?: string;
  /** Undefined in a shared VPC: the owner's endpoints cannot be listed from here. */
  endpoints?: VpcEndpoint[];
  ssmmessages?: VpcEndpoint;
}

/** The error when no route table of the task's subnet can be seen: the route decides too much to guess. */
export function unseenRouteTable(view: VpcView, region: string): Finding {
  const { subnetId } = view.network;
  return error(
    `DescribeRouteTables shows no route table for subnet ${subnetId} from this account${view.sharedBy ? ` (the VPC belongs to ${view.sharedBy})` : ''}`,
    view.sharedBy
      ? `Ask the owner of account ${view.sharedBy} how subnet ${subnetId} reaches com.amazonaws.${region}.ssmmessages.`
      : `Check that ec2:DescribeRouteTables is allowed and that subnet ${subnetId} exists.`,
  );
}

export async function vpcView(facts: Facts): Promise<VpcView | { finding: Finding }> {
  const [network, task] = await Promise.all([facts.taskNetwork(), facts.task()]);
  if (!network.vpcId) {
    return { finding: skip('the task has no VPC subnet to inspect (no ENI attachment or container instance subnet)') };
  }
  const owner = network.subnet?.OwnerId;
  const account = parseArn(task.taskArn ?? '')?.account;
  const view = { network: { ...network, vpcId: network.vpcId } };
  if (owner && account && owner !== account) return { ...view, sharedBy: owner };
  const endpoints = await facts.vpcEndpoints(network.vpcId);
  return { ...view, endpoints, ssmmessages: interfaceEndpointFor(endpoints, serviceName(facts.region, 'ssmmessages')) };
}

/** The VPC's ssmmessages interface endpoint, or why there is none to look at (no VPC, a shared VPC, no endpoint). */
export async function ssmmessagesEndpointView(facts: Facts): Promise<{ view: VpcView; endpoint: VpcEndpoint } | { finding: Finding }> {
  const view = await vpcView(facts);
  if ('finding' in view) return view;
  if (view.sharedBy) return { finding: skip(`the VPC belongs to account ${view.sharedBy}: its endpoints cannot be listed (see task-vpc-endpoints)`) };
  if (!view.ssmmessages) return { finding: skip('the VPC has no ssmmessages interface endpoint') };
  return { view, endpoint: view.ssmmessages };
}
